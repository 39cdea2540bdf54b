import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDurationNanos } from './parseGoDurationNanos.js';

void test('reads Go durations exactly, as Jaeger sends them', () => {
  assert.equal(parseGoDurationNanos('1.2ms'), 1_200_000n);
  assert.equal(parseGoDurationNanos('100us'), 100_000n);
  assert.equal(parseGoDurationNanos('100µs'), 100_000n);
  assert.equal(parseGoDurationNanos('2s'), 2_000_000_000n);
  assert.equal(parseGoDurationNanos('1h30m'), 5_400_000_000_000n);
  assert.equal(parseGoDurationNanos('.5s'), 500_000_000n);
  assert.equal(parseGoDurationNanos('1.5ns'), 1n);
  assert.equal(parseGoDurationNanos('0'), 0n);
  assert.equal(parseGoDurationNanos('+3ms'), 3_000_000n);
});

void test('refuses what Go would refuse, and negatives', () => {
  for (const bad of ['', '5', 'ms', '1x', '1.2.3s', '-1s', '1 s', 's1', '.s', '9'.repeat(80) + 's']) {
    assert.equal(parseGoDurationNanos(bad), undefined, bad);
  }
});
