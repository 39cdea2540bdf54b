import type { EdgeCall } from './dependencyLinker.js';
import { addHistogram, newHistogram, recordLatency, type LatencyHistogram } from './latencyHistogram.js';

/** Edges are kept per one-minute bucket of the caller's start (longer windows add buckets up). */
export const MINUTE_NANOS = 60_000_000_000n;

/** Calls on one edge in one minute. */
export interface EdgeBucket {
  /** Minutes since the Unix epoch (the caller span's start, rounded down); in a rollup, its coarser bucket number. */
  minute: bigint;
  parent: string;
  child: string;
  virtual: boolean;
  calls: number;
  errors: number;
  faults: number;
  throttles: number;
  minNanos: bigint;
  maxNanos: bigint;
  histogram: LatencyHistogram;
}

/** Adds calls up per (minute, parent, child, virtual) until drained. */
export interface EdgeAccumulator {
  add(call: EdgeCall): void;
  /** The buckets gathered since the last drain, and forgets them. */
  drain(): EdgeBucket[];
  readonly size: number;
}

/** Buckets by (parent, child, virtual), then bucket number: found without building a key string per call. */
class BucketIndex {
  private readonly byParent = new Map<string, Map<string, [Map<number, EdgeBucket> | undefined, Map<number, EdgeBucket> | undefined]>>();

  /** The buckets of one edge side by number (created empty when missing). */
  of(parent: string, child: string, virtual: boolean): Map<number, EdgeBucket> {
    let byChild = this.byParent.get(parent);
    if (byChild === undefined) this.byParent.set(parent, (byChild = new Map()));
    let sides = byChild.get(child);
    if (sides === undefined) byChild.set(child, (sides = [undefined, undefined]));
    return (sides[virtual ? 1 : 0] ??= new Map());
  }
}

/** The same calls per `minutes`-minute bucket (minute / minutes, rounded down): what a coarser rollup adds. */
export function rollUp(buckets: readonly EdgeBucket[], minutes: bigint): EdgeBucket[] {
  const index = new BucketIndex();
  const out: EdgeBucket[] = [];
  for (const b of buckets) {
    const bucket = floorDiv(b.minute, minutes);
    const byNumber = index.of(b.parent, b.child, b.virtual);
    const r = byNumber.get(Number(bucket));
    if (r === undefined) {
      const copy = { ...b, minute: bucket, histogram: new Map(b.histogram) };
      byNumber.set(Number(bucket), copy);
      out.push(copy);
      continue;
    }
    r.calls += b.calls;
    r.errors += b.errors;
    r.faults += b.faults;
    r.throttles += b.throttles;
    if (b.minNanos < r.minNanos) r.minNanos = b.minNanos;
    if (b.maxNanos > r.maxNanos) r.maxNanos = b.maxNanos;
    addHistogram(r.histogram, b.histogram);
  }
  return out;
}

export function floorDiv(a: bigint, b: bigint): bigint {
  return a >= 0n ? a / b : -((-a + b - 1n) / b);
}

export function minuteOf(nanos: bigint): bigint {
  return floorDiv(nanos, MINUTE_NANOS);
}

export function createEdgeAccumulator(): EdgeAccumulator {
  let index = new BucketIndex();
  let buckets: EdgeBucket[] = [];
  // The minute of the last call, and the nanoseconds it covers: calls come mostly in runs within one minute.
  let minute = 0n;
  let minuteFrom = 0n;
  let minuteTo = 0n;
  return {
    add(call) {
      const t = call.startNanos;
      if (t < minuteFrom || t >= minuteTo) {
        minute = minuteOf(t);
        minuteFrom = minute * MINUTE_NANOS;
        minuteTo = minuteFrom + MINUTE_NANOS;
      }
      const byMinute = index.of(call.parent, call.child, call.virtual);
      let b = byMinute.get(Number(minute));
      if (b === undefined) {
        b = {
          minute, parent: call.parent, child: call.child, virtual: call.virtual, calls: 0, errors: 0, faults: 0, throttles: 0,
          minNanos: call.durationNanos, maxNanos: call.durationNanos, histogram: newHistogram(),
        };
        byMinute.set(Number(minute), b);
        buckets.push(b);
      }
      b.calls++;
      if (call.outcome === 'error') b.errors++;
      else if (call.outcome === 'fault') b.faults++;
      else if (call.outcome === 'throttle') b.throttles++;
      if (call.durationNanos < b.minNanos) b.minNanos = call.durationNanos;
      if (call.durationNanos > b.maxNanos) b.maxNanos = call.durationNanos;
      recordLatency(b.histogram, call.durationNanos);
    },
    drain() {
      const out = buckets;
      buckets = [];
      index = new BucketIndex();
      return out;
    },
    get size() {
      return buckets.length;
    },
  };
}
