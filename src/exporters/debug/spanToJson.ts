import { anyValueToJson } from '../../model/attributes.js';
import { SpanKind, StatusCode, type InstrumentationScope, type Resource, type Span } from '../../model/span.js';

const KIND_NAMES = new Map<number, string>(Object.entries(SpanKind).map(([name, value]) => [value, name]));
const STATUS_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, value]) => [value, name]));

/** A span kind's name (`SERVER`), or its number as text when it has none. */
export function spanKindName(kind: number): string {
  return KIND_NAMES.get(kind) ?? String(kind);
}

/** Every field of a span as plain JSON: nanosecond times as decimal strings (exact beyond 2^53), enums by name. */
export function spanToJson(s: Span): Record<string, unknown> {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    traceState: s.traceState,
    flags: s.flags,
    name: s.name,
    kind: spanKindName(s.kind),
    startTimeUnixNano: s.startTimeUnixNano.toString(),
    endTimeUnixNano: s.endTimeUnixNano.toString(),
    attributes: anyValueToJson(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount,
    events: s.events.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: anyValueToJson(e.attributes), droppedAttributesCount: e.droppedAttributesCount })),
    droppedEventsCount: s.droppedEventsCount,
    links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState, flags: l.flags, attributes: anyValueToJson(l.attributes), droppedAttributesCount: l.droppedAttributesCount })),
    droppedLinksCount: s.droppedLinksCount,
    status: { code: STATUS_NAMES.get(s.status.code) ?? String(s.status.code), message: s.status.message },
  };
}

export function resourceToJson(r: Resource, schemaUrl: string): Record<string, unknown> {
  return { schemaUrl, attributes: anyValueToJson(r.attributes), droppedAttributesCount: r.droppedAttributesCount };
}

export function scopeToJson(s: InstrumentationScope, schemaUrl: string): Record<string, unknown> {
  return { name: s.name, version: s.version, schemaUrl, attributes: anyValueToJson(s.attributes), droppedAttributesCount: s.droppedAttributesCount };
}
