import type Database from 'better-sqlite3';
import { MINUTE_NANOS, floorDiv, minuteOf, rollUp, type EdgeBucket } from '../dependencies/edgeAccumulator.js';
import { encodeHistogram } from '../dependencies/latencyHistogram.js';
import type { StoredEdgeRow } from '../dependencies/summarizeEdges.js';
import { int64 } from './int64.js';

// Dependency edges per minute, rolled up per 10 minutes and per hour as they are written (README.md, "Dependency
// edges"). A window takes every minute it overlaps and reads it as whole hours in the middle, 10-minute buckets
// beside them and single minutes at the ends: at most 23 + 2 x (5 + 9) rows per edge for 24 hours. SQLite adds
// them up per edge (sb_histogram_sum merges the histograms), so one row per edge comes back.

/** Bucket sizes in minutes, finest first; each divides the next. */
const TIERS = [1n, 10n, 60n] as const;
/** Most bucket ranges a window decomposes into: two per tier but the coarsest, plus one. */
const MAX_RANGES = 2 * (TIERS.length - 1) + 1;

export interface EdgeTables {
  write(buckets: readonly EdgeBucket[]): void;
  /** One row per (parent, child) over the minutes the window overlaps. */
  read(startNanos: bigint, endNanos: bigint): StoredEdgeRow[];
  /** Deletes the buckets that end at or before the cutoff. */
  deleteBefore(cutoffNanos: bigint): void;
}

const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

interface Range {
  tier: bigint;
  from: bigint;
  to: bigint;
}

/** The minutes [m0, m1) as bucket ranges of the coarsest tiers that fit. */
export function decomposeMinutes(m0: bigint, m1: bigint): Range[] {
  const out: Range[] = [];
  let lo = m0;
  let hi = m1;
  for (let t = 0; t < TIERS.length - 1; t++) {
    const tier = TIERS[t] as bigint;
    const next = TIERS[t + 1] as bigint;
    const loNext = ceilDiv(lo, next) * next;
    const hiNext = floorDiv(hi, next) * next;
    if (loNext >= hiNext) {
      out.push({ tier, from: floorDiv(lo, tier), to: floorDiv(hi, tier) });
      return out;
    }
    out.push({ tier, from: floorDiv(lo, tier), to: floorDiv(loNext, tier) }, { tier, from: floorDiv(hiNext, tier), to: floorDiv(hi, tier) });
    lo = loNext;
    hi = hiNext;
  }
  const last = TIERS[TIERS.length - 1] as bigint;
  out.push({ tier: last, from: floorDiv(lo, last), to: floorDiv(hi, last) });
  return out;
}

export function createEdgeTables(db: Database.Database): EdgeTables {
  const upsert = db.prepare(`INSERT INTO edges (tier, bucket, parent, child, virtual, calls, errors, faults, throttles, min_ns, max_ns, histogram)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (tier, bucket, parent, child, virtual) DO UPDATE SET
      calls = calls + excluded.calls, errors = errors + excluded.errors, faults = faults + excluded.faults,
      throttles = throttles + excluded.throttles, min_ns = min(min_ns, excluded.min_ns), max_ns = max(max_ns, excluded.max_ns),
      histogram = sb_histogram_merge(histogram, excluded.histogram)`);
  const ranges = new Array(MAX_RANGES).fill('(tier = ? AND bucket >= ? AND bucket < ?)').join(' OR ');
  const select = db.prepare(`SELECT parent, child, min(virtual), sum(calls), sum(errors), sum(faults), sum(throttles), min(min_ns), max(max_ns), sb_histogram_sum(histogram)
    FROM edges WHERE ${ranges} GROUP BY parent, child`).raw();
  const deleteTier = db.prepare('DELETE FROM edges WHERE tier = ? AND bucket < ?');

  return {
    write(buckets) {
      for (const tier of TIERS) {
        for (const b of tier === 1n ? buckets : rollUp(buckets, tier)) {
          upsert.run(tier, b.minute, b.parent, b.child, b.virtual ? 1 : 0, b.calls, b.errors, b.faults, b.throttles, int64(b.minNanos), int64(b.maxNanos), encodeHistogram(b.histogram));
        }
      }
    },
    read(startNanos, endNanos) {
      const params: bigint[] = [];
      for (const r of decomposeMinutes(minuteOf(startNanos), ceilDiv(endNanos, MINUTE_NANOS))) params.push(r.tier, r.from, r.to);
      while (params.length < 3 * MAX_RANGES) params.push(0n, 0n, 0n);
      return (select.all(...params) as [string, string, bigint, bigint, bigint, bigint, bigint, bigint, bigint, Buffer][]).map((r) => ({
        parent: r[0], child: r[1], virtual: r[2] === 1n, calls: Number(r[3]), errors: Number(r[4]), faults: Number(r[5]),
        throttles: Number(r[6]), minNanos: r[7], maxNanos: r[8], histogram: r[9],
      }));
    },
    deleteBefore(cutoffNanos) {
      const minute = minuteOf(cutoffNanos);
      for (const tier of TIERS) deleteTier.run(tier, floorDiv(minute, tier));
    },
  };
}
