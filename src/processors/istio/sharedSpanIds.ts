import { createHash } from 'node:crypto';
import { EMPTY_SPAN_ID } from '../../model/ids.js';
import { ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED } from '../../model/attributeNames.js';
import { SpanKind, type Span } from '../../model/span.js';
import { createLruCache } from './lruCache.js';

interface Reidentified {
  traceId: string;
  service: string;
  newSpanId: string;
}

/**
 * Rule `shared_span_ids` (docs/zipkin-mesh.md, "Shared spans"): a B3 "shared" SERVER span
 * reuses its caller's span id. It gets its own id, derived deterministically so every instance and every retry agrees,
 * and the caller's span becomes its parent. Children reported later under the original id by the same service are
 * the server side's children and move under the new id; children from other services stay under the client
 * (Jaeger moves all of them, which misattributes the client's own children: envoyproxy/envoy#4642). It works as spans
 * stream in: the client span need not have been seen. Bounded: old entries are forgotten first.
 */
export interface SharedSpanIds {
  /**
   * The rule for one span flagged `zipkin.shared`: a SERVER span with a parent gets its own id (keeping the flag and
   * `zipkin.original_span_id`); a root SERVER span only loses the flag, as Envoy sets it on roots that share nothing
   * (openzipkin/zipkin#2891); a CLIENT span loses it too (Zipkin's own rule). `hashService` is
   * the span's `localEndpoint.serviceName`, `service` its resulting `service.name`.
   */
  apply(span: Span, hashService: string, service: string): void;
  /** Moves a span whose parent is a re-identified span of the same service under that span's new id. */
  reparent(span: Span, service: string): void;
  readonly size: number;
  clear(): void;
}

/** First 8 bytes of SHA-256 over (traceId, original id, "server", service): every instance derives the same id. */
export function sharedServerSpanId(traceId: string, originalSpanId: string, service: string): string {
  const id = createHash('sha256').update(`${traceId}\n${originalSpanId}\nserver\n${service}`).digest('hex').slice(0, 16);
  return id === EMPTY_SPAN_ID ? '0000000000000001' : id;
}

export function createSharedSpanIds(maxEntries: number): SharedSpanIds {
  const byOriginal = createLruCache<string, Reidentified[]>(maxEntries);
  const reidentify = (span: Span, hashService: string, service: string): void => {
    const original = span.spanId;
    const newSpanId = sharedServerSpanId(span.traceId, original, hashService);
    span.spanId = newSpanId;
    span.parentSpanId = original;
    const entries = byOriginal.get(original);
    if (entries === undefined) byOriginal.set(original, [{ traceId: span.traceId, service, newSpanId }]);
    else if (!entries.some((e) => e.newSpanId === newSpanId)) entries.push({ traceId: span.traceId, service, newSpanId });
  };
  return {
    apply(span, hashService, service) {
      const attrs = span.attributes;
      if (span.kind === SpanKind.CLIENT || (span.kind === SpanKind.SERVER && span.parentSpanId === '')) {
        attrs.delete(ZIPKIN_SHARED);
        return;
      }
      if (span.kind !== SpanKind.SERVER) return;
      const recorded = attrs.get(ZIPKIN_ORIGINAL_SPAN_ID);
      if (typeof recorded === 'string') {
        // Already re-identified (this processor ran before): its parent is the id it arrived with. The codec records
        // ids over 16 hex digits whole and keeps their rightmost 16 (docs/zipkin-mesh.md, "Ids").
        if (recorded.length >= 16 && recorded.endsWith(span.parentSpanId)) return;
      } else attrs.set(ZIPKIN_ORIGINAL_SPAN_ID, span.spanId);
      reidentify(span, hashService, service);
    },
    reparent(span, service) {
      const entries = byOriginal.get(span.parentSpanId);
      if (entries === undefined) return;
      for (const e of entries) {
        if (e.traceId === span.traceId && e.service === service && e.newSpanId !== span.spanId) {
          span.parentSpanId = e.newSpanId;
          return;
        }
      }
    },
    get size() {
      return byOriginal.size;
    },
    clear() {
      byOriginal.clear();
    },
  };
}
