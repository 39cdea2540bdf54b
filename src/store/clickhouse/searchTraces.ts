import { encodeSearchCursor } from '../searchCursor.js';
import type { TraceQuery, TraceSearchResult } from '../store.js';
import type { CheckedQuery } from '../validateQuery.js';
import type { ClickHouseConnection } from './clickhouseConnection.js';
import type { TableNames } from './schema.js';
import { dayOf } from './spanRows.js';
import type { SqlValue } from './sqlLiteral.js';
import type { TraceReads } from './traceReads.js';

// Trace search (README.md, "Search"): the traces with a span meeting every span condition, by their start (the least
// span start in trace_times), newest first. On a cluster the span conditions run on each shard's local spans table
// inside the distributed query over trace_times: both are sharded by trace id, so each shard answers for its traces.

const MAX_UINT64 = 18_446_744_073_709_551_615n;
const clamp = (n: bigint) => (n < 0n ? 0n : n > MAX_UINT64 ? MAX_UINT64 : n);

/** The span conditions of a query as SQL over the spans table, with their values. */
export function spanConditions(q: Omit<TraceQuery, 'limit' | 'cursor'>): { sql: string[]; values: Record<string, SqlValue> } {
  const sql: string[] = [];
  const values: Record<string, SqlValue> = {};
  if (q.service !== undefined) {
    sql.push('service = {service:String}');
    values.service = q.service;
  }
  if (q.operation !== undefined) {
    sql.push('name = {operation:String}');
    values.operation = q.operation;
  }
  if (q.spanKind !== undefined) {
    sql.push('kind = {kind:UInt8}');
    values.kind = q.spanKind;
  }
  if (q.minDurationNanos !== undefined) {
    sql.push('duration_ns >= {minDuration:UInt64}');
    values.minDuration = clamp(q.minDurationNanos);
  }
  if (q.maxDurationNanos !== undefined) {
    sql.push('duration_ns <= {maxDuration:UInt64}');
    values.maxDuration = clamp(q.maxDurationNanos);
  }
  (q.attributes ?? []).forEach((f, i) => {
    const k = `{k${i}:String}`;
    values[`k${i}`] = f.key;
    if (f.op === 'exists') {
      sql.push(`(has(attr_keys, ${k}) OR has(resource_keys, ${k}))`);
      return;
    }
    values[`v${i}`] = f.value ?? '';
    const test = f.op === 'equals' ? `v = {v${i}:String}` : `match(v, {v${i}:String})`;
    sql.push(`(arrayExists((k, v) -> k = ${k} AND ${test}, attr_keys, attr_values) OR arrayExists((k, v) -> k = ${k} AND ${test}, resource_keys, resource_values))`);
  });
  return { sql, values };
}

export function createTraceSearch(ch: ClickHouseConnection, t: TableNames, reads: TraceReads): (q: CheckedQuery) => Promise<TraceSearchResult> {
  return async (q) => {
    const limit = q.limit;
    const { sql: conditions, values } = spanConditions(q);
    const having: string[] = [];
    if (q.startTimeMin !== undefined) {
      // A matching span starts no earlier than its trace.
      conditions.push('start_ns >= {from:UInt64}', 'day >= {fromDay:Date}');
      having.push('min(start_min) >= {from:UInt64}');
      values.from = clamp(q.startTimeMin);
      values.fromDay = dayOf(clamp(q.startTimeMin));
    }
    if (q.startTimeMax !== undefined) {
      having.push('min(start_min) <= {to:UInt64}');
      values.to = clamp(q.startTimeMax);
    }
    if (q.after !== undefined) {
      const p = q.after;
      having.push('(min(start_min) < {cursorStart:UInt64} OR (min(start_min) = {cursorStart:UInt64} AND trace_id < {cursorId:String}))');
      values.cursorStart = clamp(p.startNanos);
      values.cursorId = p.traceId;
    }
    values.limit = limit + 1;
    // Without span conditions every trace in trace_times qualifies (the time bounds are on the trace).
    const onlyTime = conditions.every((c) => c.startsWith('start_ns') || c.startsWith('day'));
    const where = onlyTime ? '' : `WHERE trace_id IN (SELECT trace_id FROM ${t.spansLocal} WHERE ${conditions.join(' AND ')})`;
    const sql = `SELECT trace_id, toString(min(start_min)) AS first, toString(max(start_max)) AS last FROM ${t.traceTimes} ${where}
      GROUP BY trace_id ${having.length > 0 ? `HAVING ${having.join(' AND ')}` : ''}
      ORDER BY min(start_min) DESC, trace_id DESC LIMIT {limit:UInt32}`;
    const rows = await ch.select<{ trace_id: string; first: string; last: string }>(sql, values);
    const page = rows.slice(0, limit);
    const ranges = new Map(page.map((r) => [r.trace_id, { first: BigInt(r.first), last: BigInt(r.last) }]));
    const summaries = await reads.summaries(ranges);
    const traces = page.flatMap((r) => summaries.get(r.trace_id) ?? []);
    const last = page.at(-1);
    return rows.length > limit && last !== undefined ? { traces, nextCursor: encodeSearchCursor({ startNanos: BigInt(last.first), traceId: last.trace_id }) } : { traces };
  };
}
