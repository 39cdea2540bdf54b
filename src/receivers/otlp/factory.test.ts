import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../config/configError.js';
import { loadConfig } from '../../config/loadConfig.js';
import type { Factory } from '../../pipeline/component.js';
import { enabledProtocols, type OtlpReceiverConfig } from './config.js';
import { otlpReceiverFactory } from './factory.js';

const unused = () => {
  throw new Error('not created here');
};
const factories = new Map<string, Factory>([
  ['receiver:otlp', otlpReceiverFactory as Factory],
  ['exporter:nop', { kind: 'exporter', type: 'nop', description: '', configSchema: { type: 'object', additionalProperties: false, properties: {} }, createExporter: unused }],
]);

function load(receiverYaml: string): OtlpReceiverConfig {
  const cfg = loadConfig(`receivers:\n${receiverYaml}\nexporters: {nop: {}}\nservice: {pipelines: {traces: {receivers: [otlp], exporters: [nop]}}}\n`, 'test.yaml', { factories, env: {} });
  return cfg.receivers.otlp as OtlpReceiverConfig;
}

function problems(receiverYaml: string): string[] {
  try {
    load(receiverYaml);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return [...e.problems].sort();
  }
  return assert.fail('expected a ConfigError');
}

void describe('otlpReceiverFactory config', () => {
  void test('fills the Collector defaults for each protocol present', () => {
    assert.deepEqual(load('  otlp:\n    protocols:\n      grpc: {}\n      http: {}'), {
      protocols: {
        grpc: { endpoint: 'localhost:4317', max_recv_msg_size_mib: 4 },
        http: { endpoint: 'localhost:4318', traces_url_path: '/v1/traces', max_request_body_size: 20 * 1024 * 1024, max_decompressed_body_size: 100 * 1024 * 1024, cors: { allowed_origins: [], allowed_headers: [], max_age: 0 } },
      },
      max_spans_per_request: 100_000,
      max_attributes_per_span: 1024,
      max_attribute_value_length: 65_536,
    });
  });

  void test('a protocol key with no value (`grpc:`) enables it with its defaults; an absent one stays off', () => {
    assert.deepStrictEqual(enabledProtocols(load('  otlp:\n    protocols:\n      grpc:')), { grpc: { endpoint: 'localhost:4317', max_recv_msg_size_mib: 4 } });
    const http = enabledProtocols(load('  otlp:\n    protocols:\n      http:\n        endpoint: 0.0.0.0:14318'));
    assert.deepStrictEqual(Object.keys(http), ['http']);
    assert.equal(http.http?.endpoint, '0.0.0.0:14318');
    assert.equal(http.http?.traces_url_path, '/v1/traces');
  });

  void test('at least one protocol is required', () => {
    assert.deepStrictEqual(problems('  otlp:'), ['receivers.otlp.protocols: required']);
    assert.equal(problems('  otlp: {protocols: {}}').length, 1);
    assert.match(problems('  otlp: {protocols: {}}')[0] ?? '', /^receivers\.otlp\.protocols: /);
  });

  void test('unknown keys and bad values are refused at every level, all at once', () => {
    const found = problems('  otlp:\n    protocols:\n      grpc: {endpoint: no-port, max_recv_msg_size_mib: 0, keepalive: {}, tls: {key_file: k.pem}}\n      http: {traces_url_path: v1/traces}\n      thrift: {}\n    max_spans_per_request: 0');
    for (const p of [
      'receivers.otlp.protocols.grpc.keepalive: unknown key',
      'receivers.otlp.protocols.grpc.tls.cert_file: required',
      'receivers.otlp.protocols.thrift: unknown key',
      'receivers.otlp.protocols.grpc.max_recv_msg_size_mib: must be >= 1',
      'receivers.otlp.max_spans_per_request: must be >= 1',
    ]) {
      assert.ok(found.includes(p), `missing "${p}" in:\n${found.join('\n')}`);
    }
    assert.ok(found.some((p) => p.startsWith('receivers.otlp.protocols.grpc.endpoint:')), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('receivers.otlp.protocols.http.traces_url_path:')), found.join('\n'));
  });
});
