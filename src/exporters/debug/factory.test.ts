import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../config/configError.js';
import { loadConfig } from '../../config/loadConfig.js';
import type { Factory } from '../../pipeline/component.js';
import { debugExporterFactory } from './factory.js';

const unused = () => {
  throw new Error('not created here');
};
const factories = new Map<string, Factory>([
  ['receiver:nop', { kind: 'receiver', type: 'nop', description: '', configSchema: { type: 'object', additionalProperties: false, properties: {} }, createReceiver: unused }],
  ['exporter:debug', debugExporterFactory as Factory],
]);

function load(exporterYaml: string) {
  return loadConfig(`receivers: {nop: {}}\nexporters:\n${exporterYaml}\nservice: {pipelines: {traces: {receivers: [nop], exporters: [debug]}}}\n`, 'test.yaml', { factories, env: {} });
}

void describe('debugExporterFactory', () => {
  void test('fills the Collector defaults', () => {
    assert.deepEqual(load('  debug:').exporters.debug, { verbosity: 'basic', sampling_initial: 2, sampling_thereafter: 1 });
  });

  void test('rejects an unknown verbosity, bad sampling values and unknown keys', () => {
    try {
      load('  debug: {verbosity: loud, sampling_thereafter: 0, use_internal_logger: false}');
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      assert.deepEqual([...e.problems].sort(), [
        'exporters.debug.sampling_thereafter: must be >= 1',
        'exporters.debug.use_internal_logger: unknown key',
        'exporters.debug.verbosity: must be one of "basic", "normal", "detailed"',
      ]);
    }
  });
});
