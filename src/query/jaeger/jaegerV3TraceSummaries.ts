import { forEachSpan } from '../../model/batch.js';
import type { TraceBatch } from '../../model/span.js';
import type { StoreReader, TraceQuery, TraceSummary } from '../../store/store.js';

/** api_v3 ServiceSummary in proto3 JSON. */
export interface V3ServiceSummaryJson {
  name: string;
  spanCount: number;
  errorSpanCount: number;
}

/** api_v3 TraceSummary in proto3 JSON: fixed64 times as decimal strings (jaeger-idl proto/api_v3/query_service.proto). */
export interface V3TraceSummaryJson {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: V3ServiceSummaryJson[];
}

/** Spans whose parent span id is not the id of a span of the same trace (an incomplete or partial trace). */
export function countOrphanSpans(batch: TraceBatch): number {
  const ids = new Set<string>();
  forEachSpan(batch, (span) => ids.add(span.spanId));
  let orphans = 0;
  forEachSpan(batch, (span) => {
    if (span.parentSpanId !== '' && !ids.has(span.parentSpanId)) orphans++;
  });
  return orphans;
}

export function v3TraceSummaryJson(s: TraceSummary, orphanSpanCount: number): V3TraceSummaryJson {
  return {
    traceId: s.traceId,
    rootServiceName: s.rootService,
    rootOperationName: s.rootOperation,
    minStartTimeUnixNano: s.startTimeUnixNano.toString(),
    maxEndTimeUnixNano: (s.startTimeUnixNano + s.durationNanos).toString(),
    spanCount: s.spanCount,
    errorSpanCount: s.errorCount,
    orphanSpanCount,
    services: s.services.map((x) => ({ name: x.service, spanCount: x.spanCount, errorSpanCount: x.errorCount })),
  };
}

/**
 * FindTraceSummaries: the store's per-trace summaries of the matching traces (newest first), which it keeps current
 * at ingest. The store keeps no per-trace count of orphans (it would need every span id of a trace at hand on each
 * write, and a late parent turns orphans back into children), so orphanSpanCount is counted here on each listed
 * trace as the query APIs show it (through `reader`'s adjusters); `limit` (searchDepth, at most 1000) bounds the
 * traces read.
 */
export async function findV3TraceSummaries(reader: StoreReader, query: Omit<TraceQuery, 'limit' | 'cursor'>, limit: number): Promise<V3TraceSummaryJson[]> {
  const { traces } = await reader.findTraces({ ...query, limit });
  const batches = await Promise.all(traces.map((t) => reader.getTrace(t.traceId)));
  return traces.map((t, i) => {
    const batch = batches[i];
    return v3TraceSummaryJson(t, batch === undefined ? 0 : countOrphanSpans(batch));
  });
}
