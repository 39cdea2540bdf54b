import type { InstrumentationScope, Resource, Span, SpanKind, StatusCode } from '../../model/span.js';
import { addAttributeColumns, decodeAttributeMap, emptyAttributeColumns, encodeAttributeMap, readAttributeColumns, type AttributeColumns } from './typedValue.js';

// Span <-> row of the spans table (schema.ts). Every field of the span, its resource and its scope is a column, so a
// trace reads back losslessly; the resource and scope columns repeat on each of their spans and compress away.

export const DAY_NANOS = 86_400_000_000_000n;
/** Days past this (2100-01-01) go to its partition: ClickHouse's Date ends in the 2100s. */
const LAST_DAY = 47_482n;

/** The `day` partition of a time: YYYY-MM-DD of its UTC date, within what a Date holds. */
export function dayOf(nanos: bigint): string {
  let day = nanos / DAY_NANOS;
  if (day > LAST_DAY) day = LAST_DAY;
  if (day < 0n) day = 0n;
  return new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);
}

/** The resource and scope columns, built once per resource and per scope of a batch. */
export interface OriginColumns {
  service: string;
  resource_keys: string[];
  resource_types: number[];
  resource_values: string[];
  resource_raws: string[];
  resource_dropped: number;
  resource_schema_url: string;
}

export interface ScopeColumns {
  scope_name: string;
  scope_version: string;
  scope_attributes: string;
  scope_dropped: number;
  scope_schema_url: string;
}

export function resourceColumns(resource: Resource, schemaUrl: string, service: string): OriginColumns {
  const c = emptyAttributeColumns();
  addAttributeColumns(c, resource.attributes);
  return {
    service, resource_keys: c.keys, resource_types: c.types, resource_values: c.values, resource_raws: c.raws,
    resource_dropped: resource.droppedAttributesCount, resource_schema_url: schemaUrl,
  };
}

export function scopeColumns(scope: InstrumentationScope, schemaUrl: string): ScopeColumns {
  return { scope_name: scope.name, scope_version: scope.version, scope_attributes: encodeAttributeMap(scope.attributes), scope_dropped: scope.droppedAttributesCount, scope_schema_url: schemaUrl };
}

/** The row of a span: times and 64-bit counts as decimal text (JSON numbers lose precision past 2^53). */
export function spanRow(span: Span, origin: OriginColumns, scope: ScopeColumns): Record<string, unknown> {
  const attrs: AttributeColumns = emptyAttributeColumns();
  addAttributeColumns(attrs, span.attributes);
  const start = span.startTimeUnixNano;
  const end = span.endTimeUnixNano < start ? start : span.endTimeUnixNano;
  return {
    day: dayOf(start),
    trace_id: span.traceId, span_id: span.spanId, parent_span_id: span.parentSpanId, trace_state: span.traceState, flags: span.flags,
    name: span.name, kind: span.kind,
    start_ns: start.toString(), end_ns: span.endTimeUnixNano.toString(), duration_ns: (end - start).toString(),
    status_code: span.status.code, status_message: span.status.message,
    attr_keys: attrs.keys, attr_types: attrs.types, attr_values: attrs.values, attr_raws: attrs.raws, dropped_attributes: span.droppedAttributesCount,
    event_times: span.events.map((e) => e.timeUnixNano.toString()), event_names: span.events.map((e) => e.name),
    event_attributes: span.events.map((e) => encodeAttributeMap(e.attributes)), event_dropped: span.events.map((e) => e.droppedAttributesCount),
    dropped_events: span.droppedEventsCount,
    link_trace_ids: span.links.map((l) => l.traceId), link_span_ids: span.links.map((l) => l.spanId), link_trace_states: span.links.map((l) => l.traceState),
    link_attributes: span.links.map((l) => encodeAttributeMap(l.attributes)), link_dropped: span.links.map((l) => l.droppedAttributesCount),
    link_flags: span.links.map((l) => l.flags), dropped_links: span.droppedLinksCount,
    ...origin,
    ...scope,
  };
}

/** A spans row as read back (JSONEachRow; 64-bit integers come as strings). */
export interface StoredSpanRow {
  trace_id: string; span_id: string; parent_span_id: string; trace_state: string; flags: number | string;
  service: string; name: string; kind: number | string; start_text: string; end_text: string; status_code: number | string; status_message: string;
  attr_keys: string[]; attr_types: (number | string)[]; attr_values: string[]; attr_raws: string[]; dropped_attributes: number | string;
  event_time_texts: string[]; event_names: string[]; event_attributes: string[]; event_dropped: (number | string)[]; dropped_events: number | string;
  link_trace_ids: string[]; link_span_ids: string[]; link_trace_states: string[]; link_attributes: string[]; link_dropped: (number | string)[];
  link_flags: (number | string)[]; dropped_links: number | string;
  resource_keys: string[]; resource_types: (number | string)[]; resource_values: string[]; resource_raws: string[]; resource_dropped: number | string; resource_schema_url: string;
  scope_name: string; scope_version: string; scope_attributes: string; scope_dropped: number | string; scope_schema_url: string;
}

/**
 * Columns a trace read selects; 64-bit values as text (some servers print those in arrays as JSON numbers), under
 * names of their own: an alias equal to a column name would replace the column in WHERE.
 */
export const SPAN_SELECT = `trace_id, span_id, parent_span_id, trace_state, flags, service, name, kind, toString(start_ns) AS start_text,
  toString(end_ns) AS end_text, status_code, status_message, attr_keys, attr_types, attr_values, attr_raws, dropped_attributes,
  arrayMap(t -> toString(t), event_times) AS event_time_texts, event_names, event_attributes, event_dropped, dropped_events,
  link_trace_ids, link_span_ids, link_trace_states, link_attributes, link_dropped, link_flags, dropped_links,
  resource_keys, resource_types, resource_values, resource_raws, resource_dropped, resource_schema_url,
  scope_name, scope_version, scope_attributes, scope_dropped, scope_schema_url`;

const num = (v: number | string | undefined): number => Number(v ?? 0);

export function spanOf(r: StoredSpanRow): Span {
  return {
    traceId: r.trace_id, spanId: r.span_id, parentSpanId: r.parent_span_id, traceState: r.trace_state, flags: num(r.flags), name: r.name,
    kind: num(r.kind) as SpanKind, startTimeUnixNano: BigInt(r.start_text), endTimeUnixNano: BigInt(r.end_text),
    attributes: readAttributeColumns(r.attr_keys, r.attr_types.map(num), r.attr_values, r.attr_raws), droppedAttributesCount: num(r.dropped_attributes),
    events: r.event_time_texts.map((t, i) => ({ timeUnixNano: BigInt(t), name: r.event_names[i] ?? '', attributes: decodeAttributeMap(r.event_attributes[i] ?? ''), droppedAttributesCount: num(r.event_dropped[i]) })),
    droppedEventsCount: num(r.dropped_events),
    links: r.link_trace_ids.map((traceId, i) => ({
      traceId, spanId: r.link_span_ids[i] ?? '', traceState: r.link_trace_states[i] ?? '', attributes: decodeAttributeMap(r.link_attributes[i] ?? ''),
      droppedAttributesCount: num(r.link_dropped[i]), flags: num(r.link_flags[i]),
    })),
    droppedLinksCount: num(r.dropped_links),
    status: { code: num(r.status_code) as StatusCode, message: r.status_message },
  };
}

export function resourceOf(r: StoredSpanRow): Resource {
  return { attributes: readAttributeColumns(r.resource_keys, r.resource_types.map(num), r.resource_values, r.resource_raws), droppedAttributesCount: num(r.resource_dropped) };
}

export function scopeOf(r: StoredSpanRow): InstrumentationScope {
  return { name: r.scope_name, version: r.scope_version, attributes: decodeAttributeMap(r.scope_attributes), droppedAttributesCount: num(r.scope_dropped) };
}
