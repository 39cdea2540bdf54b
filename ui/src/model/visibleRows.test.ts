import { describe, expect, test } from 'vitest';
import { idx, makeTrace } from '../testing/makeSpan.js';
import { allParents, revealSpan, rowOf, visibleRows } from './visibleRows.js';

const trace = makeTrace([
  { id: 'a', start: 0, end: 100 },
  { id: 'b', parent: 'a', start: 10, end: 50 },
  { id: 'c', parent: 'b', start: 15, end: 20 },
  { id: 'd', parent: 'c', start: 16, end: 18 },
  { id: 'e', parent: 'a', start: 60, end: 90 },
]);

describe('visibleRows', () => {
  test('everything shows when nothing is collapsed', () => {
    expect([...visibleRows(trace, new Set())]).toEqual([0, 1, 2, 3, 4]);
  });

  test('a collapsed span hides its whole subtree but not its siblings', () => {
    expect([...visibleRows(trace, new Set([idx(trace, 'b')]))]).toEqual([0, 1, 4]);
  });

  test('collapsing all leaves the roots', () => {
    expect([...visibleRows(trace, allParents(trace))]).toEqual([0]);
  });

  test('revealSpan opens the collapsed ancestors of a span only', () => {
    const collapsed = new Set([idx(trace, 'a'), idx(trace, 'c'), idx(trace, 'e')]);
    const opened = revealSpan(trace, collapsed, idx(trace, 'c'));
    expect([...opened].sort()).toEqual([idx(trace, 'c'), idx(trace, 'e')].sort());
    expect(revealSpan(trace, new Set<number>(), idx(trace, 'd')).size).toBe(0);
  });

  test('rowOf finds a span among the rows or says -1', () => {
    const rows = visibleRows(trace, new Set([idx(trace, 'b')]));
    expect(rowOf(rows, idx(trace, 'e'))).toBe(2);
    expect(rowOf(rows, idx(trace, 'c'))).toBe(-1);
  });
});
