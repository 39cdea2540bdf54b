import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Factory } from '../pipeline/component.js';
import { authProperty } from './authConfig.js';
import { ConfigError } from './configError.js';
import { configObject } from './configSchema.js';
import { durationSchema } from './duration.js';
import { endpointSchema } from './endpoint.js';
import { loadConfig } from './loadConfig.js';

const noop = () => {
  throw new Error('not created in these tests');
};
const fakeFactories: Factory[] = [
  { kind: 'receiver', type: 'zipkin', description: '', createReceiver: noop, configSchema: { type: 'object', additionalProperties: false, properties: { endpoint: endpointSchema('localhost:9411', 'listen address') } } },
  { kind: 'processor', type: 'batch', description: '', createProcessor: noop, configSchema: { type: 'object', additionalProperties: false, properties: { timeout: durationSchema('200ms', 'flush after'), send_batch_size: { type: 'integer', minimum: 1, default: 8192 } } } },
  { kind: 'exporter', type: 'otlphttp', description: '', createExporter: noop, configSchema: { type: 'object', additionalProperties: false, required: ['endpoint'], properties: { endpoint: { type: 'string' }, compression: { enum: ['gzip', 'none'], default: 'gzip' } } } },
];
const factories = new Map(fakeFactories.map((f) => [`${f.kind}:${f.type}`, f]));

function problems(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    loadConfig(yaml, 'test.yaml', { factories, env });
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return [...e.problems];
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  test('fills defaults, expands env, freezes', () => {
    const cfg = loadConfig(
      `
receivers:
  zipkin: {}
processors:
  batch/fast:
    timeout: \${env:FLUSH:-50ms}
exporters:
  otlphttp/eu:
    endpoint: \${env:EU_ENDPOINT}
service:
  pipelines:
    traces:
      receivers: [zipkin]
      processors: [batch/fast]
      exporters: [otlphttp/eu]
`,
      'test.yaml',
      { factories, env: { EU_ENDPOINT: 'http://collector:4318' } },
    );
    assert.deepEqual(cfg.receivers.zipkin, { endpoint: 'localhost:9411' });
    assert.deepEqual(cfg.processors['batch/fast'], { timeout: '50ms', send_batch_size: 8192 });
    assert.deepEqual(cfg.exporters['otlphttp/eu'], { endpoint: 'http://collector:4318', compression: 'gzip' });
    assert.equal(cfg.service.telemetry.metrics.address, 'localhost:8888');
    assert.deepEqual(cfg.service.pipelines.traces?.processors, ['batch/fast']);
    assert.ok(Object.isFrozen(cfg.exporters['otlphttp/eu']));
  });

  test('coerces an env-expanded number', () => {
    const cfg = loadConfig(
      'receivers: {zipkin: {}}\nprocessors: {batch: {send_batch_size: "${env:N}"}}\nexporters: {otlphttp: {endpoint: x}}\nservice: {pipelines: {traces: {receivers: [zipkin], processors: [batch], exporters: [otlphttp]}}}',
      't',
      { factories, env: { N: '100' } },
    );
    assert.equal((cfg.processors.batch as { send_batch_size: number }).send_batch_size, 100);
  });

  test('reports every problem at once with its path', () => {
    const got = problems(`
receivers:
  zipkin:
    endpoint: nope
    bogus: 1
  kafka: {}
processors:
  batch:
    timeout: soon
exporters:
  otlphttp/eu:
    compression: zstd
connectors: {}
service:
  pipelines:
    traces:
      receivers: [zipkin, jaeger]
      processors: [batch]
      exporters: [otlphttp/eu, debug]
`);
    const expected = [
      'connectors: unknown key',
      'receivers.zipkin.endpoint: invalid value "nope" (listen address; host:port)',
      'receivers.zipkin.bogus: unknown key',
      'receivers.kafka: unknown receiver type "kafka" (known: zipkin)',
      'processors.batch.timeout: invalid value "soon" (flush after; a duration like "5s" or "200ms")',
      'exporters.otlphttp/eu.endpoint: required',
      'exporters.otlphttp/eu.compression: must be one of "gzip", "none"',
      'service.pipelines.traces.receivers[1]: "jaeger" is not defined in receivers',
      'service.pipelines.traces.exporters[1]: "debug" is not defined in exporters',
    ];
    for (const e of expected) assert.ok(got.includes(e), `missing "${e}" in:\n${got.join('\n')}`);
    assert.equal(got.length, expected.length, got.join('\n'));
  });

  test('YAML syntax errors and missing env vars are reported', () => {
    assert.match(problems('receivers: [unclosed')[0] ?? '', /test\.yaml: /);
    const got = problems('receivers: {zipkin: {endpoint: "${env:NOPE}"}}\nexporters: {otlphttp: {endpoint: x}}\nservice: {pipelines: {traces: {receivers: [zipkin], exporters: [otlphttp]}}}');
    assert.ok(got.includes('${env:NOPE}: environment variable is not set and has no default'), got.join('\n'));
  });

  test('needs a pipeline, and pipeline names are traces[/name]', () => {
    assert.ok(problems('service: {pipelines: {}}').includes('service.pipelines: at least one pipeline is required'));
    assert.ok(problems('receivers: {zipkin: {}}\nexporters: {otlphttp: {endpoint: x}}\nservice: {pipelines: {metrics: {receivers: [zipkin], exporters: [otlphttp]}}}').some((p) => p.startsWith('service.pipelines')));
  });
});

describe('loadConfig: extensions and auth.authenticator references', () => {
  const withAuth = { type: 'object', additionalProperties: false, properties: { endpoint: endpointSchema('localhost:4318', 'listen address'), ...authProperty } };
  const authFactories = new Map<string, Factory>([
    ...factories,
    ['receiver:otlp', { kind: 'receiver', type: 'otlp', description: '', createReceiver: noop, configSchema: { type: 'object', additionalProperties: false, properties: { protocols: { type: 'object', additionalProperties: false, properties: { http: withAuth, grpc: withAuth } } } } }],
    ['extension:bearertokenauth', { kind: 'extension', type: 'bearertokenauth', description: '', serverAuthenticator: true, createExtension: noop, configSchema: { type: 'object', additionalProperties: false, properties: { token: { type: 'string' } } } }],
    ['extension:health_check', { kind: 'extension', type: 'health_check', description: '', createExtension: noop, configSchema: { type: 'object', additionalProperties: false, properties: {} } }],
  ]);
  const sections = { query: configObject({ endpoint: endpointSchema('localhost:16686', 'listen address'), ...authProperty }, { default: {} }) };
  const load = (yaml: string) => loadConfig(yaml, 'test.yaml', { factories: authFactories, sections, env: {} });

  test('an authenticator defined and listed may be named by receivers, sections and the telemetry server', () => {
    const cfg = load(`
extensions:
  bearertokenauth/ingest: {token: abc}
receivers:
  otlp: {protocols: {http: {auth: {authenticator: bearertokenauth/ingest}}}}
exporters:
  otlphttp: {endpoint: x}
query: {auth: {authenticator: bearertokenauth/ingest}}
service:
  extensions: [bearertokenauth/ingest]
  telemetry: {metrics: {auth: {authenticator: bearertokenauth/ingest}}}
  pipelines: {traces: {receivers: [otlp], exporters: [otlphttp]}}
`);
    assert.deepEqual(cfg.extensions, { 'bearertokenauth/ingest': { token: 'abc' } });
    assert.deepEqual(cfg.service.extensions, ['bearertokenauth/ingest']);
    assert.deepEqual(cfg.service.telemetry.metrics.auth, { authenticator: 'bearertokenauth/ingest' });
  });

  test('unknown, unlisted and non-authenticator references are reported with their paths, with every other problem', () => {
    let problems: readonly string[] = [];
    try {
      load(`
extensions:
  bearertokenauth/listed: {token: abc}
  bearertokenauth/unlisted: {token: abc}
  health_check: {}
  kafka: {}
receivers:
  otlp:
    protocols:
      http: {auth: {authenticator: bearertokenauth/unlisted}}
      grpc: {auth: {authenticator: basicauth}}
exporters:
  otlphttp: {endpoint: x, compression: zstd}
query: {auth: {authenticator: Bad Name}}
service:
  extensions: [bearertokenauth/listed, health_check, nothere, health_check]
  telemetry: {metrics: {auth: {authenticator: health_check}}}
  pipelines: {traces: {receivers: [otlp], exporters: [otlphttp]}}
`);
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      problems = e.problems;
    }
    const expected = [
      'extensions.kafka: unknown extension type "kafka" (known: bearertokenauth, health_check)',
      'exporters.otlphttp.compression: must be one of "gzip", "none"',
      'query.auth.authenticator: invalid value "Bad Name" (id of an authenticator extension listed in service.extensions)',
      'service.extensions[2]: "nothere" is not defined in extensions',
      'service.extensions: lists an extension twice',
      'receivers.otlp.protocols.http.auth.authenticator: extension "bearertokenauth/unlisted" is not listed in service.extensions',
      'receivers.otlp.protocols.grpc.auth.authenticator: "basicauth" is not defined in extensions',
      'service.telemetry.metrics.auth.authenticator: extension "health_check" is not an authenticator',
    ];
    for (const p of expected) assert.ok(problems.includes(p), `missing "${p}" in:\n${problems.join('\n')}`);
    assert.equal(problems.length, expected.length, problems.join('\n'));
  });
});
