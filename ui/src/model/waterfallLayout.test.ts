import { describe, expect, test } from 'vitest';
import { idx, makeTrace } from '../testing/makeSpan.js';
import { computeCriticalPath } from './criticalPath.js';
import { computeMeshTiming } from './meshTime.js';
import { computeWaterfallLayout, timeTicks } from './waterfallLayout.js';

describe('computeWaterfallLayout', () => {
  const t = makeTrace([
    { id: 'a', start: 0, end: 200 },
    { id: 'in', parent: 'a', start: 50, end: 150, proxy: true },
    { id: 'app', parent: 'in', start: 75, end: 125 },
  ]);
  const layout = computeWaterfallLayout(t, computeCriticalPath(t), computeMeshTiming(t));

  test('bars are fractions of the trace duration', () => {
    expect(layout.left[idx(t, 'in')]).toBe(0.25);
    expect(layout.width[idx(t, 'in')]).toBe(0.5);
    expect(layout.left[idx(t, 'a')]).toBe(0);
    expect(layout.width[idx(t, 'a')]).toBe(1);
  });

  test('application parts of a sidecar bar are relative to that bar', () => {
    expect(layout.appParts.get(idx(t, 'in'))).toEqual([[0.25, 0.75]]);
    expect(layout.appParts.has(idx(t, 'a'))).toBe(false);
  });

  test('critical parts are relative to each bar', () => {
    expect(layout.criticalParts.get(idx(t, 'app'))).toEqual([[0, 1]]);
    expect(layout.criticalParts.get(idx(t, 'a'))).toEqual([
      [0, 0.25],
      [0.75, 1],
    ]);
  });
});

describe('timeTicks', () => {
  test('evenly spaced from zero to the duration', () => {
    expect(timeTicks(400 as never, 4).map((x) => x.offset)).toEqual([0, 100, 200, 300, 400]);
  });
});
