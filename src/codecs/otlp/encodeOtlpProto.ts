// TraceBatch -> OTLP/protobuf ExportTraceServiceRequest. Builds the plain objects protobufjs's generated encoder
// takes, leaving proto3 defaults out (they are not written on the wire anyway) so output is canonical and small.
import { PipelineError } from '../../errors.js';
import type { AnyValue, Attributes, ResourceSpans, ScopeSpans, Span, SpanEvent, SpanLink, TraceBatch } from '../../model/span.js';
import { pbFromBigInt } from './longBits.js';
import { ExportTraceServiceRequestType } from './otlpProto.js';
import type { PbAnyValue, PbEvent, PbKeyValue, PbLink, PbResourceSpans, PbScopeSpans, PbSpan } from './protoShapes.js';

/** Encodes a batch (which it only reads). Values nested deeper than protobuf's limit of 100 messages throw SB_MALFORMED. */
export function encodeOtlpProto(batch: TraceBatch): Uint8Array {
  const msg = { resourceSpans: batch.resourceSpans.map(resourceSpansToProto) };
  try {
    return ExportTraceServiceRequestType.encode(msg).finish();
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `batch cannot be encoded as OTLP protobuf: ${(e as Error).message}`);
  }
}

function resourceSpansToProto(rs: ResourceSpans): PbResourceSpans {
  const resource: PbResourceSpans['resource'] = { attributes: attributesToProto(rs.resource.attributes) };
  if (rs.resource.droppedAttributesCount !== 0) resource.droppedAttributesCount = rs.resource.droppedAttributesCount;
  const out: PbResourceSpans = { resource, scopeSpans: rs.scopeSpans.map(scopeSpansToProto) };
  if (rs.schemaUrl !== '') out.schemaUrl = rs.schemaUrl;
  return out;
}

function scopeSpansToProto(ss: ScopeSpans): PbScopeSpans {
  const { name, version, attributes, droppedAttributesCount } = ss.scope;
  const scope: PbScopeSpans['scope'] = { attributes: attributesToProto(attributes) };
  if (name !== '') scope.name = name;
  if (version !== '') scope.version = version;
  if (droppedAttributesCount !== 0) scope.droppedAttributesCount = droppedAttributesCount;
  const out: PbScopeSpans = { scope, spans: ss.spans.map(spanToProto) };
  if (ss.schemaUrl !== '') out.schemaUrl = ss.schemaUrl;
  return out;
}

function spanToProto(s: Span): PbSpan {
  const out: PbSpan = {
    traceId: Buffer.from(s.traceId, 'hex'),
    spanId: Buffer.from(s.spanId, 'hex'),
    attributes: attributesToProto(s.attributes),
    events: s.events.map(eventToProto),
    links: s.links.map(linkToProto),
  };
  if (s.traceState !== '') out.traceState = s.traceState;
  if (s.name !== '') out.name = s.name;
  if (s.startTimeUnixNano !== 0n) out.startTimeUnixNano = pbFromBigInt(s.startTimeUnixNano);
  if (s.endTimeUnixNano !== 0n) out.endTimeUnixNano = pbFromBigInt(s.endTimeUnixNano);
  if (s.kind !== 0) out.kind = s.kind;
  if (s.parentSpanId !== '') out.parentSpanId = Buffer.from(s.parentSpanId, 'hex');
  if (s.flags !== 0) out.flags = s.flags;
  if (s.droppedAttributesCount !== 0) out.droppedAttributesCount = s.droppedAttributesCount;
  if (s.droppedEventsCount !== 0) out.droppedEventsCount = s.droppedEventsCount;
  if (s.droppedLinksCount !== 0) out.droppedLinksCount = s.droppedLinksCount;
  if (s.status.code !== 0 || s.status.message !== '') {
    out.status = {};
    if (s.status.code !== 0) out.status.code = s.status.code;
    if (s.status.message !== '') out.status.message = s.status.message;
  }
  return out;
}

function eventToProto(e: SpanEvent): PbEvent {
  const out: PbEvent = { attributes: attributesToProto(e.attributes) };
  if (e.timeUnixNano !== 0n) out.timeUnixNano = pbFromBigInt(e.timeUnixNano);
  if (e.name !== '') out.name = e.name;
  if (e.droppedAttributesCount !== 0) out.droppedAttributesCount = e.droppedAttributesCount;
  return out;
}

function linkToProto(l: SpanLink): PbLink {
  const out: PbLink = { traceId: Buffer.from(l.traceId, 'hex'), spanId: Buffer.from(l.spanId, 'hex'), attributes: attributesToProto(l.attributes) };
  if (l.traceState !== '') out.traceState = l.traceState;
  if (l.droppedAttributesCount !== 0) out.droppedAttributesCount = l.droppedAttributesCount;
  if (l.flags !== 0) out.flags = l.flags;
  return out;
}

export function attributesToProto(a: Attributes): PbKeyValue[] {
  const out = new Array<PbKeyValue>(a.size);
  let i = 0;
  for (const [key, value] of a) out[i++] = { key, value: anyValueToProto(value) };
  return out;
}

function anyValueToProto(v: AnyValue): PbAnyValue {
  switch (typeof v) {
    case 'string':
      return { stringValue: v };
    case 'boolean':
      return { boolValue: v };
    case 'number':
      return { doubleValue: v };
    case 'bigint':
      return { intValue: pbFromBigInt(v) };
  }
  if (v === null) return {};
  if (v instanceof Uint8Array) return { bytesValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(anyValueToProto) } };
  return { kvlistValue: { values: attributesToProto(v) } };
}
