import type { Trace } from './trace.js';

/**
 * The span indexes shown by the waterfall when the spans in `collapsed` hide their descendants, in tree order. A
 * collapsed span's subtree is skipped in one step (`subtreeEnd`), so the cost is O(rows shown + collapsed skipped).
 */
export function visibleRows(trace: Trace, collapsed: ReadonlySet<number>): Int32Array {
  const { spans } = trace;
  const rows = new Int32Array(spans.length);
  let n = 0;
  let i = 0;
  while (i < spans.length) {
    rows[n++] = i;
    i = collapsed.has(i) ? spans[i].subtreeEnd : i + 1;
  }
  return rows.subarray(0, n);
}

/** Every span that has children: collapsing all of them leaves only the roots. */
export function allParents(trace: Trace): Set<number> {
  const out = new Set<number>();
  for (const s of trace.spans) if (s.childIndexes.length > 0) out.add(s.index);
  return out;
}

/** `collapsed` without the ancestors of `index`, so that span is shown; the same set when nothing changes. */
export function revealSpan(trace: Trace, collapsed: ReadonlySet<number>, index: number): ReadonlySet<number> {
  let out: Set<number> | undefined;
  for (let p = trace.spans[index]?.parentIndex ?? -1; p !== -1; p = trace.spans[p].parentIndex) {
    if (collapsed.has(p)) {
      out ??= new Set(collapsed);
      out.delete(p);
    }
  }
  return out ?? collapsed;
}

/** Position of a span among the rows (binary search: rows are in increasing order), or -1. */
export function rowOf(rows: Int32Array, index: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] === index) return mid;
    if (rows[mid] < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
