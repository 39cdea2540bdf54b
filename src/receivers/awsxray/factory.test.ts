import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import type { AwsXrayReceiverConfig } from './config.js';
import { awsXrayReceiverFactory } from './factory.js';

function load(raw: Record<string, unknown>): { config: AwsXrayReceiverConfig; problems: string[] } {
  const config = structuredClone(raw);
  const validate = new Ajv({ useDefaults: true, strict: false, allErrors: true }).compile(awsXrayReceiverFactory.configSchema);
  if (!validate(config)) return { config: config as unknown as AwsXrayReceiverConfig, problems: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`) };
  return { config: config as unknown as AwsXrayReceiverConfig, problems: awsXrayReceiverFactory.validateConfig?.('receivers.awsxray', config as never) ?? [] };
}

describe('awsxray receiver config', () => {
  test('defaults: UDP and the API both on localhost:2000, no rules of its own', () => {
    const { config, problems } = load({});
    assert.deepEqual(problems, []);
    assert.equal(config.endpoint, 'localhost:2000');
    assert.equal(config.api.enabled, true);
    assert.equal(config.api.endpoint, 'localhost:2000');
    assert.equal(config.api.auth, undefined);
    assert.deepEqual(config.sampling_rules, []);
  });

  test('sampling rules get X-Ray\'s wildcards; names must be unique', () => {
    const { config, problems } = load({ sampling_rules: [{ rule_name: 'a', priority: 1, fixed_rate: 0.1, reservoir_size: 1 }] });
    assert.deepEqual(problems, []);
    assert.deepEqual(config.sampling_rules[0], { rule_name: 'a', priority: 1, fixed_rate: 0.1, reservoir_size: 1, service_name: '*', service_type: '*', host: '*', http_method: '*', url_path: '*', resource_arn: '*', attributes: {} });
    const twice = { rule_name: 'a', priority: 1, fixed_rate: 0.1, reservoir_size: 1 };
    assert.deepEqual(load({ sampling_rules: [twice, { ...twice, priority: 2 }] }).problems, ['receivers.awsxray.sampling_rules[1].rule_name: "a" is used by an earlier rule']);
  });

  test('bad values are refused by the schema', () => {
    assert.ok(load({ api: { auth: { access_key_id: 'x' } } }).problems.length > 0);
    assert.ok(load({ sampling_rules: [{ rule_name: 'a', priority: 10000, fixed_rate: 0.1, reservoir_size: 1 }] }).problems.length > 0);
    assert.ok(load({ sampling_rules: [{ rule_name: 'a', priority: 1, fixed_rate: 2, reservoir_size: 1 }] }).problems.length > 0);
    assert.ok(load({ endpoint: 'nowhere' }).problems.length > 0);
    assert.ok(load({ proxy_server: {} }).problems.length > 0);
  });
});
