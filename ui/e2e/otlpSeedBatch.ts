import { SPAN_ORIGIN, TELEMETRY_SOURCE } from '../../src/model/attributeNames.js';
import type { AnyValue, ResourceSpans, Span, TraceBatch } from '../../src/model/span.js';
import { StatusCode } from '../../src/model/span.js';
import { SEED_NAMESPACE, seedPodName, type SpanSpec } from './seedSpanSpec.js';

function resourceAttributes(service: string): Map<string, AnyValue> {
  return new Map<string, AnyValue>([
    ['service.name', service],
    ['service.namespace', SEED_NAMESPACE],
    ['k8s.namespace.name', SEED_NAMESPACE],
    ['k8s.pod.name', seedPodName(service)],
    ['service.version', 'v1'],
  ]);
}

/**
 * The specs an OTLP exporter would send (all but the `envoy` ones, which sidecars report to Zipkin) as one batch: a
 * resource per service, one scope for pre-normalized sidecar spans and one for the application's.
 */
export function otlpSeedBatch(traceId: string, t0: bigint, specs: readonly SpanSpec[]): TraceBatch {
  const byService = new Map<string, ResourceSpans>();
  for (const s of specs) {
    if (s.envoy !== undefined) continue;
    let rs = byService.get(s.service);
    if (rs === undefined) {
      rs = {
        resource: { attributes: resourceAttributes(s.service), droppedAttributesCount: 0 },
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
        scopeSpans: [
          { scope: { name: 'envoy', version: '1.30.2', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [] },
          { scope: { name: '@opentelemetry/instrumentation-http', version: '0.52.0', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [] },
        ],
      };
      byService.set(s.service, rs);
    }
    const attributes = new Map<string, AnyValue>(Object.entries(s.attributes ?? {}));
    if (s.proxy) {
      attributes.set(SPAN_ORIGIN, 'proxy');
      attributes.set(TELEMETRY_SOURCE, 'envoy');
    }
    const span: Span = {
      traceId,
      spanId: s.id,
      parentSpanId: s.parent ?? '',
      traceState: '',
      flags: 1,
      name: s.name,
      kind: s.kind,
      startTimeUnixNano: t0 + s.start,
      endTimeUnixNano: t0 + s.start + s.duration,
      attributes,
      droppedAttributesCount: 0,
      events: (s.events ?? []).map((e) => ({ ...e, timeUnixNano: t0 + s.start + e.timeUnixNano })),
      droppedEventsCount: 0,
      links: s.links ?? [],
      droppedLinksCount: 0,
      status: s.error === undefined ? { code: StatusCode.UNSET, message: '' } : { code: StatusCode.ERROR, message: s.error },
    };
    rs.scopeSpans[s.proxy ? 0 : 1].spans.push(span);
  }
  for (const rs of byService.values()) rs.scopeSpans = rs.scopeSpans.filter((ss) => ss.spans.length > 0);
  return { resourceSpans: [...byService.values()] };
}
