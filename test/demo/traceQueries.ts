// Test support: lookups over collected mesh spans.
import type { CollectedSpan } from './startMeshCollector.js';

export function attr(s: CollectedSpan, key: string): string | undefined {
  const v = s.span.attributes.get(key);
  return v === undefined || v === null ? undefined : String(v);
}

export function byTrace(spans: readonly CollectedSpan[]): Map<string, CollectedSpan[]> {
  const traces = new Map<string, CollectedSpan[]>();
  for (const s of spans) {
    const list = traces.get(s.span.traceId) ?? [];
    list.push(s);
    traces.set(s.span.traceId, list);
  }
  return traces;
}

/** The spans whose parent is `parent` (by span id, within its trace). */
export function childrenOf(spans: readonly CollectedSpan[], parent: CollectedSpan): CollectedSpan[] {
  return spans.filter((s) => s.span.traceId === parent.span.traceId && s.span.parentSpanId === parent.span.spanId);
}

/** Proxy spans (from the Zipkin receiver) for a direction, by `upstream_cluster` (Istio) or kind-free FSM names. */
export function isInbound(s: CollectedSpan): boolean {
  const cluster = attr(s, 'upstream_cluster') ?? '';
  return cluster.startsWith('inbound|') || cluster.endsWith('|local');
}
