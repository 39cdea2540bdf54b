import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../config/configError.js';
import { loadConfig } from '../../config/loadConfig.js';
import type { Factory } from '../../pipeline/component.js';
import { storeFactory } from './factory.js';

const unused = () => {
  throw new Error('not created here');
};
const factories = new Map<string, Factory>([
  ['receiver:nop', { kind: 'receiver', type: 'nop', description: '', configSchema: { type: 'object', additionalProperties: false, properties: {} }, createReceiver: unused }],
  ['exporter:store', storeFactory as Factory],
]);
const load = (exporterYaml: string) =>
  loadConfig(`receivers: {nop: {}}\nexporters:\n${exporterYaml}\nservice: {pipelines: {traces: {receivers: [nop], exporters: [store]}}}\n`, 'test.yaml', { factories, env: {} });

test('the store exporter takes an empty (or absent) config and refuses any key', () => {
  assert.deepEqual(load('  store:').exporters.store, {});
  assert.deepEqual(load('  store: {}').exporters.store, {});
  assert.throws(() => load('  store: {path: x}'), (e) => e instanceof ConfigError && e.problems.includes('exporters.store.path: unknown key'));
});
