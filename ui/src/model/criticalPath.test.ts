import { describe, expect, test } from 'vitest';
import { idx, makeTrace } from '../testing/makeSpan.js';
import { computeCriticalPath } from './criticalPath.js';

/** Segments as [short id, start µs, end µs]. */
function path(specs: Parameters<typeof makeTrace>[0]): [string, number, number][] {
  const t = makeTrace(specs);
  return computeCriticalPath(t).segments.map((s) => [t.spans[s.spanIndex].spanId.replace(/^0+/, ''), s.start / 1000, s.end / 1000]);
}

describe('computeCriticalPath', () => {
  test('sequential children are all on the path, with the parent filling the gaps', () => {
    expect(
      path([
        { id: 'a', start: 0, end: 100 },
        { id: 'b', parent: 'a', start: 10, end: 40 },
        { id: 'c', parent: 'a', start: 50, end: 90 },
      ]),
    ).toEqual([
      ['a', 0, 10],
      ['b', 10, 40],
      ['a', 40, 50],
      ['c', 50, 90],
      ['a', 90, 100],
    ]);
  });

  test('of concurrent children only the last-finishing one is waited for', () => {
    const segs = path([
      { id: 'a', start: 0, end: 100 },
      { id: 'fast', parent: 'a', start: 10, end: 50 },
      { id: 'slow', parent: 'a', start: 10, end: 80 },
    ]);
    expect(segs).toEqual([
      ['a', 0, 10],
      ['slow', 10, 80],
      ['a', 80, 100],
    ]);
  });

  test('descends through grandchildren', () => {
    expect(
      path([
        { id: 'a', start: 0, end: 100 },
        { id: 'b', parent: 'a', start: 0, end: 100 },
        { id: 'c', parent: 'b', start: 20, end: 60 },
      ]),
    ).toEqual([
      ['b', 0, 20],
      ['c', 20, 60],
      ['b', 60, 100],
    ]);
  });

  test('a child running past its parent (clock skew) is clipped to the parent', () => {
    expect(
      path([
        { id: 'a', start: 0, end: 100 },
        { id: 'b', parent: 'a', start: 50, end: 150 },
      ]),
    ).toEqual([
      ['a', 0, 50],
      ['b', 50, 100],
    ]);
  });

  test('the segments cover the root exactly once and span the trace', () => {
    const t = makeTrace([
      { id: 'a', start: 0, end: 1000 },
      ...Array.from({ length: 50 }, (_, i) => ({ id: `b${i.toString(16)}`, parent: 'a', start: i * 17, end: i * 17 + 200 })),
    ]);
    const cp = computeCriticalPath(t);
    const total = cp.segments.reduce((s, g) => s + (g.end - g.start), 0);
    expect(total).toBe(1_000_000);
    const sorted = [...cp.segments].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBe(sorted[i - 1].end);
    expect(cp.bySpan.get(idx(t, 'a'))?.length).toBeGreaterThan(0);
  });

  test('picks the root that ends last when there are several', () => {
    const segs = path([
      { id: 'early', start: 0, end: 10 },
      { id: 'late', start: 5, end: 40 },
    ]);
    expect(segs).toEqual([['late', 5, 40]]);
  });
});
