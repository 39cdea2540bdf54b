import { describe, expect, test } from 'vitest';
import { idx, makeSpan, makeTrace, spanId } from '../testing/makeSpan.js';
import { buildTrace } from './buildTrace.js';

describe('buildTrace', () => {
  test('orders spans depth first with siblings by start, and records depth, parent and subtree ends', () => {
    const t = makeTrace([
      { id: 'c2', parent: 'b', start: 30, end: 40 },
      { id: 'a', start: 0, end: 100 },
      { id: 'b', parent: 'a', start: 10, end: 50 },
      { id: 'c1', parent: 'b', start: 15, end: 20 },
      { id: 'd', parent: 'a', start: 60, end: 90 },
    ]);
    expect(t.spans.map((s) => s.spanId)).toEqual(['a', 'b', 'c1', 'c2', 'd'].map(spanId));
    expect(t.spans.map((s) => s.depth)).toEqual([0, 1, 2, 2, 1]);
    expect(t.spans.map((s) => s.parentIndex)).toEqual([-1, 0, 1, 1, 0]);
    expect(t.spans.map((s) => s.subtreeEnd)).toEqual([5, 4, 3, 4, 5]);
    expect(t.spans[0].childIndexes).toEqual([1, 4]);
    expect(t.rootIndexes).toEqual([0]);
    expect(t.duration).toBe(100_000);
    expect(t.spans[idx(t, 'd')].offset).toBe(60_000);
    expect(t.spans[idx(t, 'd')].duration).toBe(30_000);
  });

  test('a span whose parent is missing becomes a root; duplicate ids keep the first', () => {
    const t = makeTrace([
      { id: 'a', start: 0, end: 10 },
      { id: 'orphan', parent: 'gone', start: 5, end: 8 },
      { id: 'a', start: 50, end: 60, name: 'duplicate' },
    ]);
    expect(t.spans).toHaveLength(2);
    expect(t.rootIndexes).toEqual([0, 1]);
    expect(t.spans[idx(t, 'orphan')].parentIndex).toBe(-1);
    expect(t.spans[idx(t, 'a')].name).toBe('op-a');
  });

  test('a parent cycle is broken instead of dropping or looping', () => {
    const t = makeTrace([
      { id: 'x', parent: 'y', start: 0, end: 10 },
      { id: 'y', parent: 'x', start: 1, end: 9 },
      { id: 'self', parent: 'self', start: 2, end: 3 },
    ]);
    expect(t.spans).toHaveLength(3);
    expect(t.spans[idx(t, 'x')].parentIndex).toBe(-1);
    expect(t.spans[idx(t, 'y')].parentIndex).toBe(idx(t, 'x'));
    expect(t.spans[idx(t, 'self')].parentIndex).toBe(-1);
  });

  test('a 10,000-deep chain builds without recursion', () => {
    const specs = Array.from({ length: 10_000 }, (_, i) => ({ id: (i + 1).toString(16), parent: i === 0 ? undefined : i.toString(16), start: i, end: 20_000 - i }));
    const t = buildTrace('t', specs.map(makeSpan));
    expect(t.spans[9_999].depth).toBe(9_999);
    expect(t.spans[0].subtreeEnd).toBe(10_000);
  });

  test('counts errors and lists services sorted', () => {
    const t = makeTrace([
      { id: 'a', start: 0, end: 10, service: 'web' },
      { id: 'b', parent: 'a', start: 1, end: 2, service: 'db', error: true },
    ]);
    expect(t.services).toEqual(['db', 'web']);
    expect(t.errorCount).toBe(1);
    expect(t.spans[idx(t, 'b')].isError).toBe(true);
  });

  test('an empty trace has no spans and zero duration', () => {
    const t = buildTrace('t', []);
    expect(t.spans).toEqual([]);
    expect(t.duration).toBe(0);
  });
});
