import { MINUTE_NANOS, floorDiv, type EdgeBucket } from '../dependencies/edgeAccumulator.js';
import { encodeHistogram, newHistogram } from '../dependencies/latencyHistogram.js';
import type { StoredEdgeRow } from '../dependencies/summarizeEdges.js';
import type { ClickHouseConnection } from './clickhouseConnection.js';
import type { TableNames } from './schema.js';
import { dayOf } from './spanRows.js';

// Dependency edges per minute (README.md, "Dependency edges"): the shared linker's buckets are inserted into the
// edge_calls Null table, whose materialized view adds them up per (minute, parent, child, virtual) into the
// AggregatingMergeTree `edges` (sums, min, max and the latency histogram as sumMap). A read merges the states of every
// minute the window overlaps into one row per edge. (Aliases differ from column names, which they would replace.)

export function edgeCallRows(buckets: readonly EdgeBucket[]): Record<string, unknown>[] {
  return buckets.map((b) => {
    const buckets: number[] = [];
    const counts: number[] = [];
    for (const [i, c] of [...b.histogram].sort(([x], [y]) => x - y)) {
      buckets.push(i);
      counts.push(c);
    }
    return {
      day: dayOf(b.minute * MINUTE_NANOS), minute: b.minute.toString(), parent: b.parent, child: b.child, virtual: b.virtual ? 1 : 0,
      calls: b.calls, errors: b.errors, faults: b.faults, throttles: b.throttles, min_ns: b.minNanos.toString(), max_ns: b.maxNanos.toString(),
      histogram_buckets: buckets, histogram_counts: counts,
    };
  });
}

interface EdgeRow {
  parent: string;
  child: string;
  virtual: number | string;
  call_count: string;
  error_count: string;
  fault_count: string;
  throttle_count: string;
  min_text: string;
  max_text: string;
  buckets: (number | string)[];
  counts: (number | string)[];
}

export interface EdgeReads {
  /** One row per (parent, child, virtual) over the minutes [startNanos, endNanos) overlaps. */
  read(startNanos: bigint, endNanos: bigint): Promise<StoredEdgeRow[]>;
  /** Services with a span that started in [startNanos, endNanos), sorted. */
  servicesInWindow(startNanos: bigint, endNanos: bigint): Promise<string[]>;
}

const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

export function createEdgeReads(ch: ClickHouseConnection, t: TableNames): EdgeReads {
  const readSql = `SELECT parent, child, virtual, toString(sumMerge(calls)) AS call_count, toString(sumMerge(errors)) AS error_count,
    toString(sumMerge(faults)) AS fault_count, toString(sumMerge(throttles)) AS throttle_count, toString(minMerge(min_ns)) AS min_text,
    toString(maxMerge(max_ns)) AS max_text, sumMapMerge(histogram) AS h, tupleElement(h, 1) AS buckets, arrayMap(c -> toString(c), tupleElement(h, 2)) AS counts
    FROM ${t.edges} WHERE day >= {fromDay:Date} AND day <= {toDay:Date} AND minute >= {from:Int64} AND minute < {to:Int64}
    GROUP BY parent, child, virtual`;
  const servicesSql = `SELECT DISTINCT service FROM ${t.spans}
    WHERE day >= {fromDay:Date} AND day <= {toDay:Date} AND start_ns >= {from:UInt64} AND start_ns < {to:UInt64} ORDER BY service`;
  return {
    async read(startNanos, endNanos) {
      const from = floorDiv(startNanos, MINUTE_NANOS);
      const to = ceilDiv(endNanos, MINUTE_NANOS);
      const rows = await ch.select<EdgeRow>(readSql, { from, to, fromDay: dayOf(startNanos), toDay: dayOf(endNanos) });
      return rows.map((r) => {
        const h = newHistogram();
        r.buckets.forEach((b, i) => h.set(Number(b), Number(r.counts[i] ?? 0)));
        return {
          parent: r.parent, child: r.child, virtual: Number(r.virtual) === 1, calls: Number(r.call_count), errors: Number(r.error_count), faults: Number(r.fault_count),
          throttles: Number(r.throttle_count), minNanos: BigInt(r.min_text), maxNanos: BigInt(r.max_text), histogram: encodeHistogram(h),
        };
      });
    },
    async servicesInWindow(startNanos, endNanos) {
      const clampU = (n: bigint) => (n < 0n ? 0n : n);
      const rows = await ch.select<{ service: string }>(servicesSql, { from: clampU(startNanos), to: clampU(endNanos), fromDay: dayOf(startNanos), toDay: dayOf(endNanos) });
      return rows.map((r) => r.service);
    },
  };
}
