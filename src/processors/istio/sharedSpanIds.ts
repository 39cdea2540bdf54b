import { ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED } from '../../model/attributeNames.js';
import { sharedServerSpanId } from '../../model/sharedServerSpanId.js';
import { SpanKind, type Span } from '../../model/span.js';
import { hexWord, readId64, wordHex } from '../../model/ids.js';
import { RecentIds } from './recentIds.js';

export { sharedServerSpanId };

/**
 * Rule `shared_span_ids` (docs/zipkin-mesh.md, "Shared spans"). Zipkin's `shared: true` on a SERVER span means two
 * different things depending on the tracer:
 * - Brave, Envoy and FSM (B3 "join"): the SERVER span reuses its caller's CLIENT span id. It gets its own id, derived
 *   deterministically so every instance and every retry agrees, and the caller's span becomes its parent. Children
 *   reported later under the original id by the same service are the server side's children and move under the new
 *   id; children from other services stay under the client (Jaeger moves all of them, which misattributes the
 *   client's own children: envoyproxy/envoy#4642).
 * - py_zipkin: the SERVER span has an id of its own (the X-B3-SpanId its caller generated, which the caller never
 *   reports) and its caller's span as parent; the flag only says it did not start the trace. It is left as it is.
 * The only reliable tell is whether a CLIENT span with the same id exists, so recent CLIENT span ids are remembered
 * (`rememberClient`, fed with the whole batch before `apply` runs, so either order inside a batch works). Envoy and FSM
 * sidecars always join, so their spans are split without it. A Brave server span that arrives before its client (the
 * usual order: each process reports when its own work ends) is left here and split when read (the query APIs'
 * span-id adjuster). Bounded: the latest `maxEntries / 2` to `maxEntries` CLIENT ids, and as many re-identified
 * spans, are remembered (recentIds.ts).
 */
export interface SharedSpanIds {
  /** Notes a CLIENT span's id, so a shared SERVER span reusing it (now or in a later batch) is split. */
  rememberClient(traceId: string, spanId: string): void;
  /**
   * The rule for one span flagged `zipkin.shared`: a SERVER span with a parent that reuses a CLIENT span's id (seen,
   * or `alwaysJoins`: a sidecar's) gets its own id (keeping the flag and `zipkin.original_span_id`); other SERVER
   * spans with a parent are left alone; a root SERVER span only loses the flag, as Envoy sets it on roots that share
   * nothing (openzipkin/zipkin#2891); a CLIENT span loses it too (Zipkin's own rule). `hashService` is the span's
   * `localEndpoint.serviceName`, `service` its resulting `service.name`.
   */
  apply(span: Span, hashService: string, service: string, alwaysJoins: boolean): void;
  /** Moves a span whose parent is a re-identified span of the same service under that span's new id. */
  reparent(span: Span, service: string): void;
  readonly size: number;
  clear(): void;
}

/** Services numbered for the keys of re-identified spans, at most; past it the numbers and those spans are forgotten. */
const MAX_SERVICES = 65_536;

export function createSharedSpanIds(maxEntries: number): SharedSpanIds {
  /**
   * Re-identified spans: by their original id and their service's number, the low 64 bits of the trace id and the
   * new id (recentIds.ts).
   */
  const byOriginal = new RecentIds(maxEntries, 4);
  const serviceNumbers = new Map<string, number>();
  /** Recent CLIENT spans: by span id, the low 64 bits of the trace id. */
  const clients = new RecentIds(maxEntries);
  /** Ids read as words: a span id, then the low half of its trace id. */
  const w = new Uint32Array(4);
  /** Reads a 16-digit span id and its trace's low half into `w`; false when either is not hex. */
  const readIds = (traceId: string, spanId: string): boolean => spanId.length === 16 && readId64(spanId, 0, w, 0) && readId64(traceId, traceId.length - 16, w, 2);
  const isClient = (traceId: string, spanId: string): boolean => readId64(spanId, 0, w, 0) && clients.get(w[0] as number, w[1] as number) && foundInTrace(clients, traceId);
  /** The high half of a re-identified span's key: its original id's, mixed with its service's number. */
  const keyHigh = (original: number, serviceNumber: number): number => (original ^ Math.imul(serviceNumber + 1, 0x9e3779b1)) >>> 0;
  const reidentify = (span: Span, hashService: string, service: string): void => {
    const original = span.spanId;
    const newSpanId = sharedServerSpanId(span.traceId, original, hashService);
    span.spanId = newSpanId;
    span.parentSpanId = original;
    if (!readIds(span.traceId, original)) return;
    let n = serviceNumbers.get(service);
    if (n === undefined) {
      if (serviceNumbers.size >= MAX_SERVICES) {
        serviceNumbers.clear();
        byOriginal.clear();
      }
      n = serviceNumbers.size;
      serviceNumbers.set(service, n);
    }
    // The new id is hex by construction.
    byOriginal.set(keyHigh(w[0] as number, n), w[1] as number, w[2] as number, w[3] as number, hexWord(newSpanId, 0), hexWord(newSpanId, 8));
  };
  return {
    rememberClient(traceId, spanId) {
      if (readIds(traceId, spanId)) clients.set(w[0] as number, w[1] as number, w[2] as number, w[3] as number);
    },
    apply(span, hashService, service, alwaysJoins) {
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
      }
      if (!alwaysJoins && !isClient(span.traceId, span.spanId)) return;
      if (typeof recorded !== 'string') attrs.set(ZIPKIN_ORIGINAL_SPAN_ID, span.spanId);
      reidentify(span, hashService, service);
    },
    reparent(span, service) {
      const n = serviceNumbers.get(service);
      const parent = span.parentSpanId;
      if (n === undefined || parent.length !== 16 || !readId64(parent, 0, w, 0) || !byOriginal.get(keyHigh(w[0] as number, n), w[1] as number)) return;
      if (!foundInTrace(byOriginal, span.traceId)) return;
      const newSpanId = wordHex(byOriginal.value(2)) + wordHex(byOriginal.value(3));
      if (newSpanId !== span.spanId) span.parentSpanId = newSpanId;
    },
    get size() {
      return byOriginal.size;
    },
    clear() {
      byOriginal.clear();
      serviceNumbers.clear();
      clients.clear();
    },
  };
}

/** Whether the value `ids` found last starts with the low 64 bits of this trace id (how both memories hold it). */
function foundInTrace(ids: RecentIds, traceId: string): boolean {
  const at = traceId.length - 16;
  return ids.value(0) === hexWord(traceId, at) && ids.value(1) === hexWord(traceId, at + 8);
}
