import { buildTrace } from '../model/buildTrace.js';
import type { ResourceInfo, SpanRecord, Trace } from '../model/trace.js';
import { unixNanos } from '../model/time.js';
import { toAttributes } from './anyValueText.js';
import type { OtlpTraceWire } from './otlpJsonSchemas.js';
import { SPAN_KIND_NAMES, STATUS_NAMES } from './otlpJsonSchemas.js';

/** The istio processor marks sidecar spans `spanbridge.span.origin = proxy` (docs/zipkin-mesh.md, "Proxy marking"). */
const SPAN_ORIGIN = 'spanbridge.span.origin';
const SERVICE_NAME = 'service.name';
/** What the OpenTelemetry SDKs call a service that set no name. */
const UNKNOWN_SERVICE = 'unknown_service';

/** An OTLP/JSON trace as the UI's read-only trace model, with its tree built. */
export function translateOtlpTrace(traceId: string, wire: OtlpTraceWire): Trace {
  const records: SpanRecord[] = [];
  for (const rs of wire.resourceSpans) {
    const resourceAttributes = toAttributes(rs.resource.attributes);
    const resource: ResourceInfo = {
      service: resourceAttributes.find((a) => a.key === SERVICE_NAME)?.text || UNKNOWN_SERVICE,
      attributes: resourceAttributes,
      schemaUrl: rs.schemaUrl,
    };
    for (const ss of rs.scopeSpans) {
      const scope = { name: ss.scope.name, version: ss.scope.version };
      for (const s of ss.spans) {
        const attributes = toAttributes(s.attributes);
        records.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId,
          name: s.name,
          kind: SPAN_KIND_NAMES[s.kind],
          start: unixNanos(s.startTimeUnixNano),
          end: unixNanos(s.endTimeUnixNano < s.startTimeUnixNano ? s.startTimeUnixNano : s.endTimeUnixNano),
          status: { code: STATUS_NAMES[s.status.code], message: s.status.message },
          attributes,
          events: s.events.map((e) => ({ time: unixNanos(e.timeUnixNano), name: e.name, attributes: toAttributes(e.attributes) })),
          links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState, attributes: toAttributes(l.attributes) })),
          traceState: s.traceState,
          resource,
          scope,
          isProxy: attributes.some((a) => a.key === SPAN_ORIGIN && a.text === 'proxy'),
        });
      }
    }
  }
  return buildTrace(traceId, records);
}
