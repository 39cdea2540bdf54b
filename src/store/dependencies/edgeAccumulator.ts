import type { EdgeCall } from './dependencyLinker.js';
import { addHistogram, newHistogram, recordLatency, type LatencyHistogram } from './latencyHistogram.js';

/** Edges are kept per one-minute bucket of the caller's start (issue 3 item 1). */
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

/** The same calls per `minutes`-minute bucket (minute / minutes, rounded down): what a coarser rollup adds. */
export function rollUp(buckets: readonly EdgeBucket[], minutes: bigint): EdgeBucket[] {
  const out = new Map<string, EdgeBucket>();
  for (const b of buckets) {
    const bucket = floorDiv(b.minute, minutes);
    const k = `${bucket}\u0000${b.parent}\u0000${b.child}\u0000${b.virtual ? 1 : 0}`;
    const r = out.get(k);
    if (r === undefined) {
      out.set(k, { ...b, minute: bucket, histogram: new Map(b.histogram) });
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
  return [...out.values()];
}

export function floorDiv(a: bigint, b: bigint): bigint {
  return a >= 0n ? a / b : -((-a + b - 1n) / b);
}

export function minuteOf(nanos: bigint): bigint {
  return floorDiv(nanos, MINUTE_NANOS);
}

export function createEdgeAccumulator(): EdgeAccumulator {
  let buckets = new Map<string, EdgeBucket>();
  return {
    add(call) {
      const minute = minuteOf(call.startNanos);
      const k = `${minute}\u0000${call.parent}\u0000${call.child}\u0000${call.virtual ? 1 : 0}`;
      let b = buckets.get(k);
      if (b === undefined) {
        b = { minute, parent: call.parent, child: call.child, virtual: call.virtual, calls: 0, errors: 0, faults: 0, throttles: 0, minNanos: call.durationNanos, maxNanos: call.durationNanos, histogram: newHistogram() };
        buckets.set(k, b);
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
      const out = [...buckets.values()];
      buckets = new Map();
      return out;
    },
    get size() {
      return buckets.size;
    },
  };
}
