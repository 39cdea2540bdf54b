// The layer rules of eslint.config.js, run through ESLint's Node API on probe sources linted as if they were files in
// src/: each import against the layers is reported, and imports along them are not. The probes are never written to
// disk, so the type-aware parsing that needs a file in the TypeScript project is turned off for them; the layer rules
// need no types.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { REPO_ROOT } from '../support/paths.js';

const LAYER_RULES = new Set(['import-x/no-restricted-paths', 'import-x/no-unresolved', 'no-restricted-imports']);

/** Probe files by path under the repository, each with the imports it tries. */
const PROBES: Record<string, string> = {
  'src/codecs/layers-probe.ts': [
    "import type { Consumer } from '../pipeline/component.js';",
    "import type { FastifyInstance } from 'fastify';",
    "import { isIP } from 'node:net';",
    "import type { Span } from '../model/span.js';",
    'export type Probe = [Consumer, FastifyInstance, typeof isIP, Span];',
  ].join('\n'),
  'src/store/layers-probe.ts': [
    "import type { Host } from '../pipeline/component.js';",
    "import type { ConfigSchema } from '../config/loadConfig.js';",
    'export type Probe = [Host, ConfigSchema];',
  ].join('\n'),
  'src/receivers/layers-probe.ts': [
    "import type * as zipkinExporter from '../exporters/zipkin/factory.js';",
    "import type { Consumer } from '../pipeline/component.js';",
    "import type { XrayApiServer } from '../xray/api/createXrayApiServer.js';",
    'export type Probe = [typeof zipkinExporter, Consumer, XrayApiServer];',
  ].join('\n'),
  'src/http/layers-probe.ts': [
    "import { REPO_ROOT } from '../../test/support/paths.js';",
    "import type { Telemetry } from '../telemetry/telemetry.js';",
    'export const probe: [string, Telemetry | undefined] = [REPO_ROOT, undefined];',
  ].join('\n'),
  'src/model/layers-probe.ts': [
    "import type { Span } from './span.js';",
    "import { nothing } from './no-such-module.js';",
    'export const probe: [Span | undefined, unknown] = [undefined, nothing];',
  ].join('\n'),
  'src/pipeline/layers-probe.test.ts': [
    "import { REPO_ROOT } from '../../test/support/paths.js';",
    "import type { RunningSpanbridge } from '../app/startSpanbridge.js';",
    "import type { TraceStore } from '../store/store.js';",
    'export const probe: [string, RunningSpanbridge | undefined, TraceStore | undefined] = [REPO_ROOT, undefined, undefined];',
  ].join('\n'),
};

let results: Map<string, Linter.LintMessage[]>;

before(async () => {
  const eslint = new ESLint({
    cwd: REPO_ROOT,
    overrideConfig: { files: ['src/**/*.ts'], languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-floating-promises': 'off' } },
  });
  results = new Map();
  for (const [path, text] of Object.entries(PROBES)) {
    const [result] = await eslint.lintText(`${text}\n`, { filePath: path });
    assert.ok(result, `${path} was linted`);
    results.set(path, result.messages);
  }
});

/** The 1-based lines of a probe that a layer rule reported, as `line rule`. */
function layerErrors(path: string): string[] {
  const messages = results.get(path);
  assert.ok(messages, `${path} was linted`);
  const fatal = messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${path} parsed`);
  return messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId) && m.severity === 2).map((m) => `${m.line} ${m.ruleId}`);
}

test('a codec importing the pipeline or a transport is an error; the model and isIP are not', () => {
  assert.deepEqual(layerErrors('src/codecs/layers-probe.ts'), ['1 import-x/no-restricted-paths', '2 no-restricted-imports']);
});

test('the store may not import the pipeline (the pipeline imports the store), and may import config', () => {
  assert.deepEqual(layerErrors('src/store/layers-probe.ts'), ['1 import-x/no-restricted-paths']);
});

test('a receiver may not import an exporter, and may import the pipeline and the X-Ray API', () => {
  assert.deepEqual(layerErrors('src/receivers/layers-probe.ts'), ['1 import-x/no-restricted-paths']);
});

test('product code may not import test/ helpers nor a higher layer (http is below telemetry)', () => {
  assert.deepEqual(layerErrors('src/http/layers-probe.ts'), ['1 import-x/no-restricted-paths', '2 import-x/no-restricted-paths']);
});

test('an import the resolver cannot find is an error (type-only imports are left to tsc), since it would escape the layer check', () => {
  assert.deepEqual(layerErrors('src/model/layers-probe.ts'), ['2 import-x/no-unresolved']);
});

test('a unit test beside the code may use test/ helpers and assemble higher layers', () => {
  assert.deepEqual(layerErrors('src/pipeline/layers-probe.test.ts'), []);
});

test('every folder and module of src/ belongs to a layer, so none escapes the rules', async () => {
  const config = (await import(pathToFileURL(join(REPO_ROOT, 'eslint.config.js')).href)) as { LAYERS: ReadonlyArray<{ paths: readonly string[] }> };
  const layered = new Set(config.LAYERS.flatMap((l) => l.paths));
  const entries = readdirSync(join(REPO_ROOT, 'src')).filter((name) => !name.endsWith('.test.ts') && !name.endsWith('.md'));
  assert.deepEqual(entries.filter((name) => !layered.has(`src/${name}`)), []);
  for (const path of layered) assert.ok(entries.includes(path.slice('src/'.length)), `${path} exists`);
});
