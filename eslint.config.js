// Lint rules (CONTRIBUTING.md): no `export *`, `import type`, no floating promises, and the layers of src/ below.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers of src/, bottom up. A module imports its own layer and the layers below it, never one above:
//   foundation  src/model, src/threads, src/errors.ts, src/packageRoot.ts, src/version.ts (threads: starting worker threads)
//   codecs      src/codecs      bytes <-> model; no transport, no storage, no config
//   config      src/config      loading and validating the YAML, durations, endpoints
//   http        src/http        Fastify servers (creation, limits, listening, address), Content-Encoding
//   telemetry   src/telemetry   metrics and the /metrics, /healthz, /readyz server
//   store       src/store       the trace store and its SQLite engine
//   pipeline    src/pipeline    component contracts, the service graph, queues, retry
//   xray        src/xray        the X-Ray API, poller engine and trace-id cache that receivers and exporters share
//   components  src/extensions, src/receivers, src/processors, src/exporters, src/query, src/demo: these never import
//               one another (a receiver reaches an exporter only through the pipeline, an authenticator through the
//               host)
//   app         src/app, src/components.ts, src/main.ts
// Product code under src/ never imports test/, bench/, tools/ or ui/. Unit tests beside the code (*.test.ts) may use
// test/ helpers and assemble any layers (an end-to-end test starts the whole service), but not bench/, tools/ or ui/.
// test/lint/layers.test.ts proves the rules fire, and that every folder and module of src/ has a layer here.
export const LAYERS = [
  { name: 'foundation', paths: ['src/model', 'src/threads', 'src/errors.ts', 'src/packageRoot.ts', 'src/version.ts'] },
  { name: 'codecs', paths: ['src/codecs'] },
  { name: 'config', paths: ['src/config'] },
  { name: 'http', paths: ['src/http'] },
  { name: 'telemetry', paths: ['src/telemetry'] },
  { name: 'store', paths: ['src/store'] },
  { name: 'pipeline', paths: ['src/pipeline'] },
  { name: 'xray', paths: ['src/xray'] },
  { name: 'components', paths: ['src/extensions', 'src/receivers', 'src/processors', 'src/exporters', 'src/query', 'src/demo'], apart: true },
  { name: 'app', paths: ['src/app', 'src/components.ts', 'src/main.ts'] },
];

const NOT_PRODUCT = ['test', 'bench', 'tools', 'ui'];

const layerZones = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1);
  const zones = above.length === 0 ? [] : [{
    target: layer.paths,
    from: above.flatMap((l) => l.paths),
    message: `Layer ${layer.name} is below ${above.map((l) => l.name).join(', ')}: see the layers in eslint.config.js.`,
  }];
  if (layer.apart) {
    for (const path of layer.paths) {
      zones.push({
        target: path,
        from: layer.paths.filter((p) => p !== path),
        message: `${layer.paths.join(', ')} do not import one another: they meet through src/pipeline (see eslint.config.js).`,
      });
    }
  }
  return zones;
});

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', 'test-artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts', 'ui/e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No `export *`: name what a module exports.' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    // Imports name the emitted `.js`; the sources are `.ts`. An import the resolver cannot find escapes the layer
    // check, so the resolver must know that, and a value import it cannot resolve is an error (tsc checks the rest).
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'], extensionAlias: { '.js': ['.ts', '.js'] } })] },
    rules: { 'import-x/no-unresolved': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', {
        basePath: import.meta.dirname,
        zones: [...layerZones, { target: 'src', from: NOT_PRODUCT, message: 'The product (src/) never imports test/, bench/, tools/ or ui/.' }],
      }],
    },
  },
  {
    files: ['src/**/*.test.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', {
        basePath: import.meta.dirname,
        zones: [{ target: 'src', from: NOT_PRODUCT.filter((d) => d !== 'test'), message: 'Tests in src/ may use test/ helpers, never bench/, tools/ or ui/.' }],
      }],
    },
  },
  {
    // Codecs translate bytes and the model; a codec that reached for a network or a database would be a transport.
    files: ['src/codecs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...['node:http', 'node:https', 'node:http2', 'node:dgram', 'node:tls', 'http', 'https', 'http2', 'dgram', 'tls', 'fastify', 'ioredis', 'undici', 'better-sqlite3'].map((name) => ({ name, message: 'Codecs never import a transport or storage (eslint.config.js).' })),
          ...['node:net', 'net'].map((name) => ({ name, allowImportNames: ['isIP'], message: 'Codecs may use isIP from node:net, never sockets (eslint.config.js).' })),
        ],
        patterns: [{ group: ['@fastify/*', '@grpc/*', '@aws-sdk/*', '@smithy/*', '@opentelemetry/exporter-*'], message: 'Codecs never import a transport (eslint.config.js).' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
