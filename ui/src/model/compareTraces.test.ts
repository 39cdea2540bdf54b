import { describe, expect, test } from 'vitest';
import { makeTrace } from '../testing/makeSpan.js';
import { compareTraces } from './compareTraces.js';

describe('compareTraces', () => {
  const a = makeTrace([
    { id: 'a', start: 0, end: 100, service: 'web', name: 'GET /' },
    { id: 'b', parent: 'a', start: 10, end: 30, service: 'db', name: 'SELECT' },
    { id: 'c', parent: 'a', start: 40, end: 60, service: 'db', name: 'SELECT' },
  ]);
  const b = makeTrace([
    { id: 'a', start: 0, end: 250, service: 'web', name: 'GET /' },
    { id: 'b', parent: 'a', start: 10, end: 70, service: 'db', name: 'SELECT' },
    { id: 'd', parent: 'a', start: 80, end: 90, service: 'cache', name: 'GET', error: true },
  ]);
  const cmp = compareTraces(a, b);

  test('counts spans per service and operation on both sides', () => {
    expect(cmp.rows.map((r) => [r.service, r.operation, r.a.count, r.b.count, r.countDelta])).toEqual([
      ['cache', 'GET', 0, 1, 1],
      ['db', 'SELECT', 2, 1, -1],
      ['web', 'GET /', 1, 1, 0],
    ]);
    expect(cmp.services).toEqual([
      { service: 'cache', a: 0, b: 1 },
      { service: 'db', a: 2, b: 1 },
      { service: 'web', a: 1, b: 1 },
    ]);
  });

  test('mean durations and their difference; none when a side lacks the operation', () => {
    const db = cmp.rows.find((r) => r.service === 'db');
    expect(db?.a.mean).toBe(20_000);
    expect(db?.b.mean).toBe(60_000);
    expect(db?.meanDelta).toBe(40_000);
    const cache = cmp.rows.find((r) => r.service === 'cache');
    expect(cache?.a.mean).toBeUndefined();
    expect(cache?.meanDelta).toBeUndefined();
    expect(cache?.b.errors).toBe(1);
  });

  test('trace-level duration and span count differences', () => {
    expect(cmp.durationDelta).toBe(150_000);
    expect(cmp.spanCountDelta).toBe(0);
  });
});
