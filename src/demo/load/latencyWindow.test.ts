import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLatencyWindow } from './latencyWindow.js';

describe('createLatencyWindow', () => {
  test('nearest-rank percentiles of what was added', () => {
    const w = createLatencyWindow();
    for (let i = 100; i >= 1; i--) w.add(i);
    assert.equal(w.percentile(50), 50);
    assert.equal(w.percentile(99), 99);
    assert.equal(w.percentile(100), 100);
  });

  test('empty window has no percentile', () => {
    assert.equal(createLatencyWindow().percentile(50), undefined);
  });

  test('keeps only the most recent samples', () => {
    const w = createLatencyWindow(3);
    for (const ms of [1000, 1000, 1000, 1, 2, 3]) w.add(ms);
    assert.equal(w.percentile(100), 3);
    assert.equal(w.percentile(50), 2);
  });
});
