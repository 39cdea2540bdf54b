import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import type { AwsXrayExporterConfig } from './config.js';
import { awsXrayExporterFactory } from './factory.js';

function load(raw: Record<string, unknown>): { config: AwsXrayExporterConfig; problems: string[] } {
  const config = structuredClone(raw);
  const validate = new Ajv({ useDefaults: true, strict: false, allErrors: true }).compile(awsXrayExporterFactory.configSchema);
  if (!validate(config)) return { config: config as unknown as AwsXrayExporterConfig, problems: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`) };
  return { config: config as unknown as AwsXrayExporterConfig, problems: awsXrayExporterFactory.validateConfig?.('exporters.awsxray', config as never) ?? [] };
}

describe('awsxray exporter config', () => {
  test('defaults', () => {
    const { config, problems } = load({ region: 'eu-west-1' });
    assert.deepEqual(problems, []);
    assert.deepEqual(config.indexed_attributes, []);
    assert.equal(config.index_all_attributes, false);
    assert.equal(config.trace_id_mode, 'fix_epoch');
    assert.deepEqual(config.trace_id_cache, { ttl: '60s', backend: 'memory', redis: { cluster: false } });
    assert.equal(config.log_sent_documents, false);
    assert.equal(config.timeout, '5s');
    assert.equal(config.sending_queue.enabled, true);
  });

  test('relations between keys are reported with their paths', () => {
    assert.deepEqual(load({}).problems, ['exporters.awsxray.region: required (or set endpoint)']);
    assert.deepEqual(load({ endpoint: 'http://127.0.0.1:2000' }).problems, []);
    assert.deepEqual(load({ region: 'us-east-1', aws_access_key_id: 'AKID' }).problems, ['exporters.awsxray.aws_secret_access_key: required with aws_access_key_id']);
    assert.deepEqual(load({ region: 'us-east-1', trace_id_cache: { backend: 'redis' } }).problems, ['exporters.awsxray.trace_id_cache.redis.url: required with backend redis']);
    assert.deepEqual(load({ region: 'us-east-1', trace_id_mode: 'passthrough', trace_id_cache: { backend: 'redis' } }).problems, []);
  });

  test('unknown keys and bad values are refused by the schema', () => {
    assert.ok(load({ region: 'us-east-1', regoin: 'x' }).problems.some((p) => /additional properties/.test(p)));
    assert.ok(load({ region: 'us-east-1', trace_id_mode: 'rewrite' }).problems.length > 0);
    assert.ok(load({ region: 'us-east-1', trace_id_cache: { ttl: 'soon' } }).problems.length > 0);
    assert.ok(load({ endpoint: 'xray.local:2000' }).problems.length > 0);
  });
});
