import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { median, percentile, perSecond, repeat, timeEach } from './measure.js';

describe('median and percentile', () => {
  test('median of odd and even counts, unsorted input left alone', () => {
    const values = [5, 1, 3];
    assert.equal(median(values), 3);
    assert.deepEqual(values, [5, 1, 3]);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  test('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 99), 99);
    assert.equal(percentile(values, 100), 100);
    assert.equal(percentile(values, 0), 1);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  test('perSecond', () => {
    assert.equal(perSecond(500, 250), 2000);
    assert.ok(Number.isNaN(perSecond(1, 0)));
  });
});

describe('repeat', () => {
  test('runs warm-ups first and reports only the measured passes', async () => {
    let calls = 0;
    const r = await repeat(() => ({ millis: ++calls * 10, itemMillis: [calls] }), { warmups: 2, runs: 3 });
    assert.equal(calls, 5);
    assert.deepEqual(r.runMillis, [30, 40, 50]);
    assert.equal(r.medianMillis, 40);
    assert.deepEqual(r.itemMillis, [3, 4, 5]);
  });

  test('awaits asynchronous passes', async () => {
    const r = await repeat(async () => ({ millis: 1 }), { warmups: 0, runs: 2 });
    assert.deepEqual(r.runMillis, [1, 1]);
    assert.deepEqual(r.itemMillis, []);
  });
});

test('timeEach calls the function once per item and times each', () => {
  const seen: number[] = [];
  const t = timeEach([1, 2, 3], (x) => seen.push(x));
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(t.itemMillis?.length, 3);
  assert.ok((t.itemMillis ?? []).every((m) => m >= 0));
  assert.ok(Math.abs((t.itemMillis ?? []).reduce((a, b) => a + b, 0) - t.millis) < 1e-6);
});
