import { describe, expect, test } from 'vitest';
import { idx, makeTrace } from '../testing/makeSpan.js';
import { computeMeshTiming } from './meshTime.js';

describe('computeMeshTiming', () => {
  test('mesh time of a sidecar span is its duration minus the time its application children cover', () => {
    const t = makeTrace([
      { id: 'in', start: 0, end: 100, proxy: true, service: 'reviews' },
      { id: 'app', parent: 'in', start: 10, end: 80, service: 'reviews' },
    ]);
    const m = computeMeshTiming(t);
    const split = m.bySpan.get(idx(t, 'in'));
    expect(split?.app).toBe(70_000);
    expect(split?.mesh).toBe(30_000);
    expect(split?.appIntervals).toEqual([[10_000, 80_000]]);
  });

  test('overlapping application children are counted once, and parts outside the sidecar span are cut off', () => {
    const t = makeTrace([
      { id: 'in', start: 0, end: 100, proxy: true },
      { id: 'x', parent: 'in', start: 10, end: 50 },
      { id: 'y', parent: 'in', start: 30, end: 60 },
      { id: 'z', parent: 'in', start: 90, end: 130 },
    ]);
    const split = computeMeshTiming(t).bySpan.get(idx(t, 'in'));
    expect(split?.app).toBe(60_000);
    expect(split?.mesh).toBe(40_000);
  });

  test('looks through sidecar children: outbound -> inbound -> app is one hop', () => {
    const t = makeTrace([
      { id: 'pp', start: 0, end: 200, service: 'productpage' },
      { id: 'out', parent: 'pp', start: 10, end: 110, proxy: true, service: 'productpage' },
      { id: 'in', parent: 'out', start: 20, end: 100, proxy: true, service: 'reviews' },
      { id: 'rv', parent: 'in', start: 25, end: 95, service: 'reviews' },
    ]);
    const m = computeMeshTiming(t);
    expect(m.bySpan.get(idx(t, 'out'))).toMatchObject({ app: 70_000, mesh: 30_000 });
    expect(m.bySpan.get(idx(t, 'in'))).toMatchObject({ app: 70_000, mesh: 10_000 });
    expect(m.hops).toEqual([{ spanIndex: idx(t, 'out'), from: 'productpage', to: 'reviews', total: 100_000, app: 70_000, mesh: 30_000 }]);
    expect(m.totalMesh).toBe(30_000);
  });

  test('a sidecar span with no application under it is all mesh time', () => {
    const t = makeTrace([{ id: 'gw', start: 0, end: 40, proxy: true, service: 'ingress' }]);
    const m = computeMeshTiming(t);
    expect(m.bySpan.get(idx(t, 'gw'))).toMatchObject({ app: 0, mesh: 40_000 });
    expect(m.hops[0]).toMatchObject({ from: undefined, to: 'ingress' });
  });

  test('application spans have no split and a trace without sidecars has no hops', () => {
    const t = makeTrace([
      { id: 'a', start: 0, end: 10 },
      { id: 'b', parent: 'a', start: 1, end: 5 },
    ]);
    const m = computeMeshTiming(t);
    expect(m.bySpan.size).toBe(0);
    expect(m.hops).toEqual([]);
    expect(m.totalMesh).toBe(0);
  });
});
