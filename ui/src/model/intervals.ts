/** A half-open time range [start, end) in nanoseconds from a trace's start. */
export type Interval = readonly [number, number];

/** The union of intervals as sorted, disjoint intervals (touching ones merged). Empty intervals are dropped. */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Each interval cut to [start, end); the ones outside it are dropped. */
export function clipIntervals(intervals: readonly Interval[], start: number, end: number): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of intervals) {
    const lo = Math.max(a, start);
    const hi = Math.min(b, end);
    if (hi > lo) out.push([lo, hi]);
  }
  return out;
}

export function totalLength(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const [a, b] of intervals) sum += b - a;
  return sum;
}
