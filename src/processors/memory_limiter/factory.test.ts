import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { ConfigError } from '../../config/configError.js';
import type { Factory } from '../../pipeline/component.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { memoryLimits, type MemoryLimiterConfig } from './config.js';
import { memoryLimiterFactory } from './factory.js';

const load = (yaml: string) => loadWithComponent(memoryLimiterFactory as Factory, yaml);
const problems = (yaml: string): string[] => configProblems(memoryLimiterFactory as Factory, yaml);

function createProblems(config: MemoryLimiterConfig): readonly string[] {
  const settings = { id: 'memory_limiter', logger: pino({ level: 'silent' }), telemetry: createTelemetry() };
  try {
    memoryLimiterFactory.createProcessor(settings, config, { consume: async () => {} });
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems;
  }
  return [];
}

void describe('memoryLimiterFactory', () => {
  void test('fills defaults; spike 0 stands for 20% of the limit', () => {
    const cfg = load('  memory_limiter: {limit_mib: 1000}').processors.memory_limiter as MemoryLimiterConfig;
    assert.deepEqual(cfg, { check_interval: '1s', limit_mib: 1000, spike_limit_mib: 0, max_in_flight_spans: 50_000, max_ack_wait: '2s' });
    assert.deepEqual(memoryLimits(cfg), { checkIntervalMillis: 1000, hardLimitBytes: 1000 * 1024 * 1024, softLimitBytes: 800 * 1024 * 1024 });
  });

  void test('limit_mib is required and must be positive; unknown keys are reported', () => {
    assert.deepEqual(problems('  memory_limiter: {}'), ['processors.memory_limiter.limit_mib: required']);
    const found = problems('  memory_limiter: {limit_mib: 0, check_interval: often, limit_percentage: 80}');
    assert.ok(found.includes('processors.memory_limiter.limit_mib: must be >= 1'), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('processors.memory_limiter.check_interval: invalid value')), found.join('\n'));
    assert.ok(found.includes('processors.memory_limiter.limit_percentage: unknown key'), found.join('\n'));
  });

  void test('spike_limit_mib must be below limit_mib and check_interval above zero', () => {
    assert.deepEqual(createProblems({ check_interval: '0s', limit_mib: 100, spike_limit_mib: 100, max_in_flight_spans: 0, max_ack_wait: '0' }), [
      'processors.memory_limiter.check_interval: must be greater than 0',
      'processors.memory_limiter.spike_limit_mib: must be smaller than limit_mib (100)',
    ]);
    assert.deepEqual(createProblems({ check_interval: '1s', limit_mib: 100, spike_limit_mib: 99, max_in_flight_spans: 0, max_ack_wait: '0' }), []);
  });
});
