import { forEachSpan } from '../../model/batch.js';
import type { TraceBatch } from '../../model/span.js';
import type { StoreReader, TraceQuery, TraceSummary } from '../../store/store.js';
import type { SpanPredicate } from './spanPredicate.js';

export interface FoundTrace {
  summary: TraceSummary;
  batch: TraceBatch;
}

/**
 * Most candidate traces one post-filtered search reads. Filters the store cannot apply (Jaeger's synthesized tags
 * such as `error`, Zipkin's bare annotation words) are checked here on whole traces, so a search bounds its work
 * rather than scanning the store; it may then return fewer than `limit` traces although more would match.
 */
export const MAX_SCANNED_TRACES = 1000;

function someSpan(batch: TraceBatch, predicate: SpanPredicate): boolean {
  let found = false;
  forEachSpan(batch, (span, rs, ss) => {
    if (!found && predicate(span, rs, ss)) found = true;
  });
  return found;
}

async function loadAll(reader: StoreReader, summaries: readonly TraceSummary[]): Promise<FoundTrace[]> {
  const batches = await Promise.all(summaries.map((s) => reader.getTrace(s.traceId)));
  const out: FoundTrace[] = [];
  summaries.forEach((summary, i) => {
    const batch = batches[i];
    if (batch !== undefined) out.push({ summary, batch });
  });
  return out;
}

/**
 * Up to `limit` whole traces matching `query` (newest first, as the store orders them) for the APIs that answer
 * with full traces (Jaeger, Zipkin). With a `predicate`, a trace also needs one span that satisfies it; the store's
 * pages are then read until `limit` traces pass or MAX_SCANNED_TRACES were looked at.
 */
export async function findTraceBatches(reader: StoreReader, query: Omit<TraceQuery, 'limit' | 'cursor'>, limit: number, predicate?: SpanPredicate): Promise<FoundTrace[]> {
  if (predicate === undefined) return loadAll(reader, (await reader.findTraces({ ...query, limit })).traces);
  const out: FoundTrace[] = [];
  let cursor: string | undefined;
  let scanned = 0;
  do {
    const pageSize = Math.min(1000, Math.max(limit, 50), MAX_SCANNED_TRACES - scanned);
    const page = await reader.findTraces(cursor === undefined ? { ...query, limit: pageSize } : { ...query, limit: pageSize, cursor });
    scanned += page.traces.length;
    for (const found of await loadAll(reader, page.traces)) {
      if (out.length < limit && someSpan(found.batch, predicate)) out.push(found);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && out.length < limit && scanned < MAX_SCANNED_TRACES);
  return out;
}

/** Several result lists merged newest first (by trace start, then id, as the store orders), without duplicates. */
export function mergeNewestFirst(lists: readonly FoundTrace[][], limit: number): FoundTrace[] {
  const seen = new Set<string>();
  const all = lists.flat().filter((t) => !seen.has(t.summary.traceId) && seen.add(t.summary.traceId));
  all.sort((a, b) => {
    const d = b.summary.startTimeUnixNano - a.summary.startTimeUnixNano;
    return d > 0n ? 1 : d < 0n ? -1 : a.summary.traceId < b.summary.traceId ? 1 : a.summary.traceId > b.summary.traceId ? -1 : 0;
  });
  return all.slice(0, limit);
}
