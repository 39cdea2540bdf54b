import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DURATION_PATTERN, isDuration, nanosToMillis, parseDurationMillis, parseDurationNanos } from './duration.js';

void describe('parseDurationNanos', () => {
  void test('reads Go durations exactly, as Jaeger sends them', () => {
    assert.equal(parseDurationNanos('1.2ms'), 1_200_000n);
    assert.equal(parseDurationNanos('100us'), 100_000n);
    assert.equal(parseDurationNanos('100µs'), 100_000n);
    assert.equal(parseDurationNanos('100μs'), 100_000n);
    assert.equal(parseDurationNanos('10ns'), 10n);
    assert.equal(parseDurationNanos('2s'), 2_000_000_000n);
    assert.equal(parseDurationNanos('1h'), 3_600_000_000_000n);
    assert.equal(parseDurationNanos('1h30m'), 5_400_000_000_000n);
    assert.equal(parseDurationNanos('.5s'), 500_000_000n);
    assert.equal(parseDurationNanos('1.5ns'), 1n);
    assert.equal(parseDurationNanos('0'), 0n);
    assert.equal(parseDurationNanos('+3ms'), 3_000_000n);
  });

  void test('refuses what Go would refuse, and negatives', () => {
    for (const bad of ['', '5', 'ms', '1x', '1.2.3s', '-1s', '1 s', 's1', '.s', '9'.repeat(80) + 's']) {
      assert.equal(parseDurationNanos(bad), undefined, bad);
      assert.equal(isDuration(bad), false, bad);
    }
  });

  void test('the schema pattern accepts exactly what the parser reads', () => {
    const re = new RegExp(DURATION_PATTERN, 'u');
    for (const text of ['0', '+0', '5s', '1.s', '.5s', '1h30m', '100µs', '100μs', '+3ms', '', '5', 's', '-1s', '1 s', '5sec', '.s', '1..5s', '0s0']) {
      assert.equal(re.test(text), isDuration(text), text);
    }
  });
});

void describe('parseDurationMillis', () => {
  void test('parses Go-style durations', () => {
    assert.equal(parseDurationMillis('200ms'), 200);
    assert.equal(parseDurationMillis('5s'), 5000);
    assert.equal(parseDurationMillis('1m30s'), 90_000);
    assert.equal(parseDurationMillis('1.5h'), 5_400_000);
    assert.equal(parseDurationMillis('0'), 0);
    assert.equal(parseDurationMillis('250us'), 0.25);
    for (const bad of ['', '5', 's', '5 s', '5sec', '-1s']) assert.throws(() => parseDurationMillis(bad), /invalid duration/, bad);
  });

  void test('nanoseconds as milliseconds keep the fraction', () => {
    assert.equal(nanosToMillis(1_500_000n), 1.5);
    assert.equal(nanosToMillis(720n * 3_600_000_000_000n), 720 * 3_600_000);
  });
});
