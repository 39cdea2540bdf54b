// Builders for store tests and benchmarks: spans described by a flat record, grouped into a TraceBatch by service.
import type { AnyValue, Attributes, Span, SpanKind, StatusCode, TraceBatch } from '../../src/model/span.js';

export interface TestSpanSpec {
  service: string;
  traceId: string;
  spanId: string;
  /** '' or absent for a root span. */
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  startNanos: bigint;
  durationNanos: bigint;
  attributes?: Record<string, AnyValue>;
  /** Extra resource attributes besides `service.name`; spans with equal ones share a ResourceSpans. */
  resourceAttributes?: Record<string, string>;
  status?: StatusCode;
  links?: { traceId: string; spanId: string }[];
}

/** The model span a spec describes (no events, no dropped counts). */
export function testSpan(spec: TestSpanSpec): Span {
  return {
    traceId: spec.traceId,
    spanId: spec.spanId,
    parentSpanId: spec.parentSpanId ?? '',
    traceState: '',
    flags: 1,
    name: spec.name,
    kind: spec.kind,
    startTimeUnixNano: spec.startNanos,
    endTimeUnixNano: spec.startNanos + spec.durationNanos,
    attributes: toAttributes(spec.attributes),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: (spec.links ?? []).map((l) => ({ ...l, traceState: '', attributes: new Map(), droppedAttributesCount: 0, flags: 0 })),
    droppedLinksCount: 0,
    status: { code: spec.status ?? 0, message: '' },
  };
}

/** One ResourceSpans per distinct (service, resource attributes), one scope each, spans in the given order. */
export function testBatch(specs: readonly TestSpanSpec[]): TraceBatch {
  const groups = new Map<string, { resource: Attributes; spans: Span[] }>();
  for (const spec of specs) {
    const resource = new Map<string, AnyValue>([['service.name', spec.service], ...Object.entries(spec.resourceAttributes ?? {})]);
    const key = JSON.stringify([...resource]);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { resource, spans: [] }));
    group.spans.push(testSpan(spec));
  }
  return {
    resourceSpans: [...groups.values()].map(({ resource, spans }) => ({
      schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
      resource: { attributes: resource, droppedAttributesCount: 0 },
      scopeSpans: [{ schemaUrl: '', scope: { name: 'spanbridge.test', version: '1.0.0', attributes: new Map(), droppedAttributesCount: 0 }, spans }],
    })),
  };
}

function toAttributes(record: Record<string, AnyValue> | undefined): Attributes {
  return new Map(Object.entries(record ?? {}));
}
