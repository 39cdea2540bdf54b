import { ZIPKIN_LOCAL_SERVICE_NAME, ZIPKIN_ORIGINAL_SPAN_ID } from '../../model/attributeNames.js';
import { getString } from '../../model/attributes.js';
import { sharedServerSpanId } from '../../model/sharedServerSpanId.js';
import { SpanKind, type Span, type TraceBatch } from '../../model/span.js';

const SERVICE_NAME = 'service.name';

interface Placed {
  span: Span;
  service: string;
}

/**
 * The read-time half of the shared-span rule (docs/zipkin-mesh.md, "Shared spans"), like the SpanIDDeduper adjuster
 * of Jaeger's query service: a SERVER span whose id a CLIENT span of the same trace also has (a Brave-style shared
 * span whose client arrived after the `istio` processor passed it on, or the processor was off) gets the id the
 * processor would have given it (sharedServerSpanId over its `localEndpoint.serviceName`), its client as parent and
 * `zipkin.original_span_id`; spans of its own service under the shared id move under the new id, other services'
 * children stay under the client. Traces without duplicate ids are left untouched. Changes `batch` (a fresh copy
 * from the store) in place.
 */
export function splitSharedSpanIds(batch: TraceBatch): TraceBatch {
  const spans: Placed[] = [];
  const clientIds = new Set<string>();
  for (const rs of batch.resourceSpans) {
    const service = getString(rs.resource.attributes, SERVICE_NAME) ?? '';
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        spans.push({ span, service });
        if (span.kind === SpanKind.CLIENT) clientIds.add(span.traceId + span.spanId);
      }
    }
  }
  if (clientIds.size === 0) return batch;
  /** New id by trace id + original id + service. */
  const moved = new Map<string, string>();
  const servers = new Set<Span>();
  for (const { span, service } of spans) {
    if (span.kind !== SpanKind.SERVER || !clientIds.has(span.traceId + span.spanId)) continue;
    const original = span.spanId;
    const hashService = getString(span.attributes, ZIPKIN_LOCAL_SERVICE_NAME) ?? service;
    span.spanId = sharedServerSpanId(span.traceId, original, hashService);
    span.parentSpanId = original;
    if (!span.attributes.has(ZIPKIN_ORIGINAL_SPAN_ID)) span.attributes.set(ZIPKIN_ORIGINAL_SPAN_ID, original);
    moved.set(`${span.traceId}/${original}/${service}`, span.spanId);
    servers.add(span);
  }
  if (moved.size === 0) return batch;
  for (const { span, service } of spans) {
    if (span.parentSpanId === '' || servers.has(span)) continue;
    const newParent = moved.get(`${span.traceId}/${span.parentSpanId}/${service}`);
    if (newParent !== undefined) span.parentSpanId = newParent;
  }
  return batch;
}
