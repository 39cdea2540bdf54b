// TraceBatch -> OTLP/JSON ExportTraceServiceRequest (the OTLP specification, "JSON Protobuf Encoding"): lowerCamelCase
// keys, hex ids, integer enums, 64-bit integers as decimal strings, bytes as base64. Written by hand rather than with
// JSON.stringify because bigint has no JSON form and doubles need the proto3 spellings: NaN and the infinities as
// strings, and -0 kept as `-0` (a valid JSON number) so that it survives the round trip. Defaults are left out.
import type { AnyValue, Attributes, ResourceSpans, ScopeSpans, Span, SpanEvent, SpanLink, TraceBatch } from '../../model/span.js';

const q = JSON.stringify;

/** Encodes a batch (which it only reads) as OTLP/JSON text. */
export function encodeOtlpJson(batch: TraceBatch): string {
  return `{"resourceSpans":[${batch.resourceSpans.map(resourceSpansJson).join(',')}]}`;
}

function resourceSpansJson(rs: ResourceSpans): string {
  let resource = `"attributes":${attributesJson(rs.resource.attributes)}`;
  if (rs.resource.droppedAttributesCount !== 0) resource += `,"droppedAttributesCount":${rs.resource.droppedAttributesCount}`;
  let out = `{"resource":{${resource}},"scopeSpans":[${rs.scopeSpans.map(scopeSpansJson).join(',')}]`;
  if (rs.schemaUrl !== '') out += `,"schemaUrl":${q(rs.schemaUrl)}`;
  return out + '}';
}

function scopeSpansJson(ss: ScopeSpans): string {
  const { name, version, attributes, droppedAttributesCount } = ss.scope;
  let scope = `"name":${q(name)}`;
  if (version !== '') scope += `,"version":${q(version)}`;
  if (attributes.size > 0) scope += `,"attributes":${attributesJson(attributes)}`;
  if (droppedAttributesCount !== 0) scope += `,"droppedAttributesCount":${droppedAttributesCount}`;
  let out = `{"scope":{${scope}},"spans":[${ss.spans.map(spanJson).join(',')}]`;
  if (ss.schemaUrl !== '') out += `,"schemaUrl":${q(ss.schemaUrl)}`;
  return out + '}';
}

function spanJson(s: Span): string {
  let out = `{"traceId":"${s.traceId}","spanId":"${s.spanId}"`;
  if (s.traceState !== '') out += `,"traceState":${q(s.traceState)}`;
  if (s.parentSpanId !== '') out += `,"parentSpanId":"${s.parentSpanId}"`;
  if (s.flags !== 0) out += `,"flags":${s.flags}`;
  out += `,"name":${q(s.name)},"kind":${s.kind},"startTimeUnixNano":"${s.startTimeUnixNano}","endTimeUnixNano":"${s.endTimeUnixNano}"`;
  if (s.attributes.size > 0) out += `,"attributes":${attributesJson(s.attributes)}`;
  if (s.droppedAttributesCount !== 0) out += `,"droppedAttributesCount":${s.droppedAttributesCount}`;
  if (s.events.length > 0) out += `,"events":[${s.events.map(eventJson).join(',')}]`;
  if (s.droppedEventsCount !== 0) out += `,"droppedEventsCount":${s.droppedEventsCount}`;
  if (s.links.length > 0) out += `,"links":[${s.links.map(linkJson).join(',')}]`;
  if (s.droppedLinksCount !== 0) out += `,"droppedLinksCount":${s.droppedLinksCount}`;
  if (s.status.code !== 0 || s.status.message !== '') {
    out += s.status.message === '' ? `,"status":{"code":${s.status.code}}` : `,"status":{"message":${q(s.status.message)},"code":${s.status.code}}`;
  }
  return out + '}';
}

function eventJson(e: SpanEvent): string {
  let out = `{"timeUnixNano":"${e.timeUnixNano}","name":${q(e.name)}`;
  if (e.attributes.size > 0) out += `,"attributes":${attributesJson(e.attributes)}`;
  if (e.droppedAttributesCount !== 0) out += `,"droppedAttributesCount":${e.droppedAttributesCount}`;
  return out + '}';
}

function linkJson(l: SpanLink): string {
  let out = `{"traceId":"${l.traceId}","spanId":"${l.spanId}"`;
  if (l.traceState !== '') out += `,"traceState":${q(l.traceState)}`;
  if (l.attributes.size > 0) out += `,"attributes":${attributesJson(l.attributes)}`;
  if (l.droppedAttributesCount !== 0) out += `,"droppedAttributesCount":${l.droppedAttributesCount}`;
  if (l.flags !== 0) out += `,"flags":${l.flags}`;
  return out + '}';
}

function attributesJson(a: Attributes): string {
  let out = '[';
  let first = true;
  for (const [k, v] of a) {
    out += `${first ? '' : ','}{"key":${q(k)},"value":${anyValueJson(v)}}`;
    first = false;
  }
  return out + ']';
}

/** A double in the proto3 JSON mapping, keeping the sign of zero. */
function doubleJson(n: number): string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? '-0' : String(n);
  return Number.isNaN(n) ? '"NaN"' : n > 0 ? '"Infinity"' : '"-Infinity"';
}

function anyValueJson(v: AnyValue): string {
  switch (typeof v) {
    case 'string':
      return `{"stringValue":${q(v)}}`;
    case 'boolean':
      return `{"boolValue":${v}}`;
    case 'number':
      return `{"doubleValue":${doubleJson(v)}}`;
    case 'bigint':
      return `{"intValue":"${v}"}`;
  }
  if (v === null) return '{}';
  if (v instanceof Uint8Array) return `{"bytesValue":"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}"}`;
  if (Array.isArray(v)) return `{"arrayValue":{"values":[${v.map(anyValueJson).join(',')}]}}`;
  return `{"kvlistValue":{"values":${attributesJson(v)}}}`;
}
