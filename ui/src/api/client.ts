import type { DependencyGraph } from '../model/dependencies.js';
import type { SearchQuery } from '../model/searchQuery.js';
import { searchApiParams } from '../model/searchQuery.js';
import type { OperationInfo, TraceSearchPage, TraceSummary } from '../model/summary.js';
import type { UnixMillis } from '../model/time.js';
import type { Trace } from '../model/trace.js';
import { fetchJson } from './fetchJson.js';
import { dependenciesResponse, operationsResponse, servicesResponse, traceSearchResponse, traceSummaryWire } from './nativeSchemas.js';
import { otlpTraceResponse } from './otlpJsonSchemas.js';
import { translateDependencies, translateSearch, translateSummary } from './translateNative.js';
import { translateOtlpTrace } from './translateOtlpTrace.js';

// The native API (docs/api-native.md), the only server the UI talks to. Relative URLs: the UI is served by the query
// server itself.
const BASE = '/api/v1';

export async function getServices(signal?: AbortSignal): Promise<readonly string[]> {
  return (await fetchJson(`${BASE}/services`, servicesResponse, signal)).services;
}

export async function getOperations(service: string | undefined, signal?: AbortSignal): Promise<readonly OperationInfo[]> {
  const q = service ? `?service=${encodeURIComponent(service)}` : '';
  return (await fetchJson(`${BASE}/operations${q}`, operationsResponse, signal)).operations;
}

export async function searchTraces(query: SearchQuery, now: UnixMillis, cursor: string | undefined, signal?: AbortSignal): Promise<TraceSearchPage> {
  const params = searchApiParams(query, now, cursor);
  return translateSearch(await fetchJson(`${BASE}/traces?${params.toString()}`, traceSearchResponse, signal));
}

export async function getTrace(traceId: string, signal?: AbortSignal): Promise<Trace> {
  const wire = await fetchJson(`${BASE}/traces/${encodeURIComponent(traceId)}`, otlpTraceResponse, signal);
  return translateOtlpTrace(traceId.toLowerCase(), wire);
}

export async function getTraceSummary(traceId: string, signal?: AbortSignal): Promise<TraceSummary> {
  return translateSummary(await fetchJson(`${BASE}/traces/${encodeURIComponent(traceId)}/summary`, traceSummaryWire, signal));
}

export async function getDependencies(start: UnixMillis, end: UnixMillis, signal?: AbortSignal): Promise<DependencyGraph> {
  const params = new URLSearchParams({ start: String(start), end: String(end) });
  return translateDependencies(await fetchJson(`${BASE}/dependencies?${params.toString()}`, dependenciesResponse, signal));
}
