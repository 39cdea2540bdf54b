import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { MINUTE_NANOS, floorDiv, minuteOf, rollUp, type EdgeBucket } from '../dependencies/edgeAccumulator.js';
import { encodeHistogram } from '../dependencies/latencyHistogram.js';
import type { StoredEdgeRow } from '../dependencies/summarizeEdges.js';
import { int64 } from './int64.js';
import { createMultiRowInsert } from './multiRowInsert.js';

// Dependency edges per minute, rolled up per 10 minutes and per hour as they are written (README.md, "Dependency
// edges"). A window takes every minute it overlaps and reads it as whole hours in the middle, 10-minute buckets
// beside them and single minutes at the ends: at most 23 + 2 x (5 + 9) rows per edge for 24 hours, which
// summarizeEdges adds up per edge.

/** Bucket sizes in minutes, finest first; each divides the next. */
const TIERS = [1n, 10n, 60n] as const;
/** Most edge rows kept in memory for reads (about 10 MB; a bucket without rows counts as one), least recently read go first. */
const MAX_CACHED_ROWS = 50_000;
/** Longer bucket ranges (windows of weeks) are read from SQLite each time. */
const MAX_CACHED_RANGE = 1000n;

/**
 * Which cached buckets a writer changed: `all` after a deletion, else their `tier:bucket` keys. A reader on another
 * connection (the writer runs in a worker thread) gives them to its own `forget` before it reads.
 */
export interface EdgeChanges {
  all: boolean;
  keys: string[];
}

export interface EdgeTables {
  write(buckets: readonly EdgeBucket[]): void;
  /** The rows of every bucket the window overlaps (several per edge; summarizeEdges adds them up). */
  read(startNanos: bigint, endNanos: bigint): StoredEdgeRow[];
  /** Deletes the buckets that end at or before the cutoff. */
  deleteBefore(cutoffNanos: bigint): void;
  /** The buckets written or deleted since the last call. */
  takeChanges(): EdgeChanges;
  /** Drops cached rows another connection changed. */
  forget(changes: EdgeChanges): void;
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
  const upsert = createMultiRowInsert(db, {
    head: 'INSERT INTO edges (tier, bucket, parent, child, virtual, calls, errors, faults, throttles, min_ns, max_ns, histogram)',
    columns: 12,
    tail: `ON CONFLICT (tier, bucket, parent, child, virtual) DO UPDATE SET
      calls = calls + excluded.calls, errors = errors + excluded.errors, faults = faults + excluded.faults,
      throttles = throttles + excluded.throttles, min_ns = min(min_ns, excluded.min_ns), max_ns = max(max_ns, excluded.max_ns),
      histogram = sb_histogram_merge(histogram, excluded.histogram)`,
    maxRows: 32,
  });
  const selectRange = db.prepare('SELECT bucket, parent, child, virtual, calls, errors, faults, throttles, min_ns, max_ns, histogram FROM edges WHERE tier = ? AND bucket >= ? AND bucket < ?').raw();
  const deleteTier = db.prepare('DELETE FROM edges WHERE tier = ? AND bucket < ?');

  // The rows of recently read buckets, by `tier:bucket` (README.md, "Dependency edges"): a window's whole hours are
  // mostly the same from one read to the next, and reading rows out of SQLite costs far more than adding them up.
  // A write forgets the buckets it touches; retention forgets everything.
  const cache = new LRUCache<string, StoredEdgeRow[]>({ maxSize: MAX_CACHED_ROWS, sizeCalculation: (rows) => Math.max(1, rows.length) });
  const cacheKey = (tier: bigint, bucket: bigint) => `${tier}:${bucket}`;
  // What this connection changed since takeChanges() was last called (a few keys a minute; past MAX_CACHED_ROWS
  // keys it counts as everything).
  let changed = new Set<string>();
  let changedAll = false;

  /** The rows of the range's buckets, from the cache when it holds every one of them. */
  function rowsOf(r: Range, out: StoredEdgeRow[]): void {
    const cacheable = r.to - r.from <= MAX_CACHED_RANGE;
    if (cacheable) {
      const parts: StoredEdgeRow[][] = [];
      for (let b = r.from; b < r.to; b++) {
        const rows = cache.get(cacheKey(r.tier, b));
        if (rows === undefined) break;
        parts.push(rows);
      }
      if (BigInt(parts.length) === r.to - r.from) {
        for (const rows of parts) for (const row of rows) out.push(row);
        return;
      }
    }
    const byBucket = new Map<bigint, StoredEdgeRow[]>();
    for (const c of selectRange.iterate(r.tier, r.from, r.to) as Iterable<[bigint, string, string, bigint, bigint, bigint, bigint, bigint, bigint, bigint, Buffer]>) {
      const row: StoredEdgeRow = {
        parent: c[1], child: c[2], virtual: c[3] === 1n, calls: Number(c[4]), errors: Number(c[5]), faults: Number(c[6]), throttles: Number(c[7]),
        minNanos: c[8], maxNanos: c[9], histogram: c[10],
      };
      out.push(row);
      if (!cacheable) continue;
      const rows = byBucket.get(c[0]);
      if (rows === undefined) byBucket.set(c[0], [row]);
      else rows.push(row);
    }
    if (cacheable) for (let b = r.from; b < r.to; b++) cache.set(cacheKey(r.tier, b), byBucket.get(b) ?? []);
  }

  return {
    write(buckets) {
      for (const tier of TIERS) {
        const rows = tier === 1n ? buckets : rollUp(buckets, tier);
        if (cache.size > 0) for (const b of rows) cache.delete(cacheKey(tier, b.minute));
        if (!changedAll) for (const b of rows) changed.add(cacheKey(tier, b.minute));
        if (changed.size > MAX_CACHED_ROWS) changedAll = true;
        upsert.run(rows.length, (p, at, i) => {
          const b = rows[i] as EdgeBucket;
          p[at] = tier;
          p[at + 1] = b.minute;
          p[at + 2] = b.parent;
          p[at + 3] = b.child;
          p[at + 4] = b.virtual ? 1 : 0;
          p[at + 5] = b.calls;
          p[at + 6] = b.errors;
          p[at + 7] = b.faults;
          p[at + 8] = b.throttles;
          p[at + 9] = int64(b.minNanos);
          p[at + 10] = int64(b.maxNanos);
          p[at + 11] = encodeHistogram(b.histogram);
        });
      }
    },
    read(startNanos, endNanos) {
      const rows: StoredEdgeRow[] = [];
      for (const r of decomposeMinutes(minuteOf(startNanos), ceilDiv(endNanos, MINUTE_NANOS))) rowsOf(r, rows);
      return rows;
    },
    deleteBefore(cutoffNanos) {
      const minute = minuteOf(cutoffNanos);
      for (const tier of TIERS) deleteTier.run(tier, floorDiv(minute, tier));
      cache.clear();
      changedAll = true;
    },
    takeChanges() {
      const out: EdgeChanges = { all: changedAll, keys: changedAll ? [] : [...changed] };
      changed = new Set();
      changedAll = false;
      return out;
    },
    forget(changes) {
      if (changes.all) cache.clear();
      else for (const key of changes.keys) cache.delete(key);
    },
  };
}
