import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { ConfigError } from '../../config/configError.js';
import type { Factory } from '../../pipeline/component.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import type { BatchConfig } from './config.js';
import { batchFactory } from './factory.js';

const load = (yaml: string) => loadWithComponent(batchFactory as Factory, yaml);
const problems = (yaml: string): string[] => configProblems(batchFactory as Factory, yaml);

void describe('batchFactory', () => {
  void test('fills the Collector defaults', () => {
    assert.deepEqual(load('  batch:').processors.batch, { send_batch_size: 8192, send_batch_max_size: 0, timeout: '200ms' });
  });

  void test('rejects bad values and unknown keys, all at once', () => {
    const found = problems('  batch: {send_batch_size: -1, timeout: 5 minutes, metadata_keys: [a]}');
    assert.ok(found.includes('processors.batch.send_batch_size: must be >= 0'), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('processors.batch.timeout: invalid value')), found.join('\n'));
    assert.ok(found.includes('processors.batch.metadata_keys: unknown key'), found.join('\n'));
  });

  void test('refuses send_batch_max_size below send_batch_size at validation, with its path', () => {
    assert.deepEqual(problems('  batch: {send_batch_size: 100, send_batch_max_size: 50}'), ['processors.batch.send_batch_max_size: must be 0 (no limit) or >= send_batch_size (100)']);
  });

  void test('and again when a processor is created from an unvalidated config', () => {
    const settings = { id: 'batch', logger: pino({ level: 'silent' }), telemetry: createTelemetry() };
    const cfg: BatchConfig = { send_batch_size: 100, send_batch_max_size: 50, timeout: '200ms' };
    assert.throws(
      () => batchFactory.createProcessor(settings, cfg, { consume: async () => {} }),
      (e) => e instanceof ConfigError && e.problems[0] === 'processors.batch.send_batch_max_size: must be 0 (no limit) or >= send_batch_size (100)',
    );
  });
});
