import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogSampler } from './logSampler.js';

void test('logs the first `initial` entries of each second, then every `thereafter`-th', () => {
  let now = 5_000;
  const sample = createLogSampler(2, 3, () => now);
  assert.deepEqual(Array.from({ length: 9 }, () => sample()), [true, true, false, false, true, false, false, true, false]);
  now = 6_000;
  assert.deepEqual([sample(), sample(), sample()], [true, true, false]);
});

void test('thereafter 1 logs everything (the Collector default)', () => {
  const sample = createLogSampler(2, 1, () => 0);
  assert.ok(Array.from({ length: 50 }, () => sample()).every(Boolean));
});
