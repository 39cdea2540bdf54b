import type { ResourceSpans, TraceBatch } from '../../model/span.js';
import { StatusCode } from '../../model/span.js';
import type { TraceSummary } from '../store.js';
import type { ClickHouseConnection } from './clickhouseConnection.js';
import type { TableNames } from './schema.js';
import { SPAN_SELECT, dayOf, resourceOf, scopeOf, spanOf, type StoredSpanRow } from './spanRows.js';

// Reads of whole traces (README.md, "Reads"). The trace_times table gives the range of span starts of a trace, so
// the spans table, ordered by (service, name, start), is read only in that range of every (service, name).

export interface TimeRange {
  first: bigint;
  last: bigint;
}

interface SummaryRow {
  trace_id: string;
  service: string;
  name: string;
  has_parent: number | string;
  start_text: string;
  end_text: string;
  status_code: number | string;
}

export interface TraceReads {
  /** Span start range of each known trace among `traceIds`. */
  ranges(traceIds: readonly string[]): Promise<Map<string, TimeRange>>;
  getTrace(traceId: string): Promise<TraceBatch | undefined>;
  /** Summaries of the traces whose ranges are given (unknown ones are left out). */
  summaries(ranges: Map<string, TimeRange>): Promise<Map<string, TraceSummary>>;
}

/** The range of `ranges` as placeholders' values: starts and days bounding every trace. */
function bounds(ranges: Iterable<TimeRange>): Record<string, string | bigint> {
  let lo: bigint | undefined;
  let hi: bigint | undefined;
  for (const r of ranges) {
    if (lo === undefined || r.first < lo) lo = r.first;
    if (hi === undefined || r.last > hi) hi = r.last;
  }
  return { lo: lo ?? 0n, hi: hi ?? 0n, loDay: dayOf(lo ?? 0n), hiDay: dayOf(hi ?? 0n) };
}

const IN_RANGE = 'day >= {loDay:Date} AND day <= {hiDay:Date} AND start_ns >= {lo:UInt64} AND start_ns <= {hi:UInt64}';

/**
 * Ids go in as `IN (SELECT arrayJoin(array))`: an IN set the primary key uses, from one array placeholder (18.16 has
 * no array on the right of IN, and a literal list would need a type of its own).
 */
export function createTraceReads(ch: ClickHouseConnection, t: TableNames): TraceReads {
  const rangesSql = `SELECT trace_id, toString(min(start_min)) AS first, toString(max(start_max)) AS last FROM ${t.traceTimes}
    WHERE trace_id IN (SELECT arrayJoin({ids:Array(String)})) GROUP BY trace_id`;
  // PREWHERE: only the trace id column is read for the range; the other columns only where it matches.
  const traceSql = `SELECT ${SPAN_SELECT} FROM ${t.spans} PREWHERE trace_id = {id:String} WHERE ${IN_RANGE}`;
  const summarySql = `SELECT trace_id, service, name, parent_span_id != '' AS has_parent, toString(start_ns) AS start_text, toString(end_ns) AS end_text,
    status_code FROM ${t.spans} PREWHERE trace_id IN (SELECT arrayJoin({ids:Array(String)})) WHERE ${IN_RANGE}`;

  async function ranges(traceIds: readonly string[]): Promise<Map<string, TimeRange>> {
    const out = new Map<string, TimeRange>();
    if (traceIds.length === 0) return out;
    const rows = await ch.select<{ trace_id: string; first: string; last: string }>(rangesSql, { ids: traceIds });
    for (const r of rows) out.set(r.trace_id, { first: BigInt(r.first), last: BigInt(r.last) });
    return out;
  }

  return {
    ranges,
    async getTrace(traceId) {
      const range = (await ranges([traceId])).get(traceId);
      if (range === undefined) return undefined;
      const rows = await ch.select<StoredSpanRow>(traceSql, { id: traceId, ...bounds([range]) });
      if (rows.length === 0) return undefined;
      return groupSpans(rows);
    },
    async summaries(byTrace) {
      const out = new Map<string, TraceSummary>();
      if (byTrace.size === 0) return out;
      const rows = await ch.select<SummaryRow>(summarySql, { ids: [...byTrace.keys()], ...bounds(byTrace.values()) });
      const grouped = new Map<string, SummaryRow[]>();
      for (const r of rows) {
        const list = grouped.get(r.trace_id);
        if (list === undefined) grouped.set(r.trace_id, [r]);
        else list.push(r);
      }
      for (const [id, spans] of grouped) out.set(id, summarize(id, spans));
      return out;
    },
  };
}

/** Spans grouped by equal resource and scope (each compared by its columns). */
function groupSpans(rows: StoredSpanRow[]): TraceBatch {
  const byResource = new Map<string, { rs: ResourceSpans; scopes: Map<string, ResourceSpans['scopeSpans'][number]> }>();
  for (const r of rows) {
    const rKey = JSON.stringify([r.service, r.resource_keys, r.resource_types, r.resource_values, r.resource_raws, r.resource_dropped, r.resource_schema_url]);
    let entry = byResource.get(rKey);
    if (entry === undefined) {
      entry = { rs: { resource: resourceOf(r), schemaUrl: r.resource_schema_url, scopeSpans: [] }, scopes: new Map() };
      byResource.set(rKey, entry);
    }
    const sKey = JSON.stringify([r.scope_name, r.scope_version, r.scope_attributes, r.scope_dropped, r.scope_schema_url]);
    let scope = entry.scopes.get(sKey);
    if (scope === undefined) {
      scope = { scope: scopeOf(r), schemaUrl: r.scope_schema_url, spans: [] };
      entry.scopes.set(sKey, scope);
      entry.rs.scopeSpans.push(scope);
    }
    scope.spans.push(spanOf(r));
  }
  return { resourceSpans: [...byResource.values()].map((e) => e.rs) };
}

/** The summary of a trace's spans by the rules of TraceSummary (store.ts). */
export function summarize(traceId: string, spans: readonly SummaryRow[]): TraceSummary {
  let start: bigint | undefined;
  let end = 0n;
  let root: { rank: number; start: bigint; service: string; name: string } | undefined;
  let errors = 0;
  const services = new Map<string, { spanCount: number; errorCount: number }>();
  for (const s of spans) {
    const st = BigInt(s.start_text);
    const spanEnd = BigInt(s.end_text);
    const en = spanEnd < st ? st : spanEnd;
    if (start === undefined || st < start) start = st;
    if (en > end) end = en;
    const rank = Number(s.has_parent) === 0 ? 0 : 1;
    if (root === undefined || rank < root.rank || (rank === root.rank && (st < root.start || (st === root.start && (s.service < root.service || (s.service === root.service && s.name < root.name)))))) {
      root = { rank, start: st, service: s.service, name: s.name };
    }
    const isError = Number(s.status_code) === StatusCode.ERROR;
    if (isError) errors++;
    const c = services.get(s.service) ?? { spanCount: 0, errorCount: 0 };
    c.spanCount++;
    if (isError) c.errorCount++;
    services.set(s.service, c);
  }
  const first = start ?? 0n;
  return {
    traceId, rootService: root?.service ?? '', rootOperation: root?.name ?? '', startTimeUnixNano: first, durationNanos: end - first,
    spanCount: spans.length, errorCount: errors,
    services: [...services].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([service, c]) => ({ service, ...c })),
  };
}
