// OTLP/protobuf ExportTraceServiceRequest -> TraceBatch. protobufjs decodes (its generated decoder is the fast
// path); this module then moves its objects into the model in one pass, turning ids into hex with Buffer's
// native encoder and 64-bit values into bigint, with no intermediate copies of lists.
import { PipelineError } from '../../errors.js';
import { bytesToHex } from '../../model/ids.js';
import type { AnyValue, Attributes, ResourceSpans, ScopeSpans, Span, SpanEvent, SpanKind, SpanLink, StatusCode, TraceBatch } from '../../model/span.js';
import { repairLoneSurrogates } from '../../model/wellFormedStrings.js';
import { FieldProblem, asMalformed, nonZeroId, under } from './fieldProblem.js';
import { i64FromPb, u64FromPb } from './longBits.js';
import { ExportTraceServiceRequestType } from './otlpProto.js';
import type { PbAnyValue, PbEvent, PbExportTraceServiceRequest, PbKeyValue, PbLink, PbResourceSpans, PbScopeSpans, PbSpan } from './protoShapes.js';

/**
 * Decodes an OTLP/protobuf trace export body; malformed input throws PipelineError SB_MALFORMED naming the field.
 * Strings whose bytes decode to lone surrogates get U+FFFD in their place (model/wellFormedStrings.ts).
 */
export function decodeOtlpProto(body: Uint8Array): TraceBatch {
  let msg: PbExportTraceServiceRequest;
  try {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    msg = ExportTraceServiceRequestType.decode(buf) as PbExportTraceServiceRequest;
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `body is not a valid OTLP ExportTraceServiceRequest protobuf: ${(e as Error).message}`);
  }
  try {
    const batch = batchFromProto(msg);
    repairLoneSurrogates(batch);
    return batch;
  } catch (e) {
    throw asMalformed(e, 'ExportTraceServiceRequest');
  }
}

function batchFromProto(m: PbExportTraceServiceRequest): TraceBatch {
  const list = m.resourceSpans ?? [];
  const resourceSpans = new Array<ResourceSpans>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      resourceSpans[i] = resourceSpansFromProto(list[i] as PbResourceSpans);
    } catch (e) {
      throw under(e, `resourceSpans[${i}]`);
    }
  }
  return { resourceSpans };
}

function resourceSpansFromProto(rs: PbResourceSpans): ResourceSpans {
  const list = rs.scopeSpans ?? [];
  const scopeSpans = new Array<ScopeSpans>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      scopeSpans[i] = scopeSpansFromProto(list[i] as PbScopeSpans);
    } catch (e) {
      throw under(e, `scopeSpans[${i}]`);
    }
  }
  const r = rs.resource;
  return {
    resource: { attributes: attributesFromProto(r?.attributes), droppedAttributesCount: r?.droppedAttributesCount ?? 0 },
    schemaUrl: rs.schemaUrl ?? '',
    scopeSpans,
  };
}

function scopeSpansFromProto(ss: PbScopeSpans): ScopeSpans {
  const list = ss.spans ?? [];
  const spans = new Array<Span>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      spans[i] = spanFromProto(list[i] as PbSpan);
    } catch (e) {
      throw under(e, `spans[${i}]`);
    }
  }
  const s = ss.scope;
  return {
    scope: { name: s?.name ?? '', version: s?.version ?? '', attributes: attributesFromProto(s?.attributes), droppedAttributesCount: s?.droppedAttributesCount ?? 0 },
    schemaUrl: ss.schemaUrl ?? '',
    spans,
  };
}

function spanFromProto(s: PbSpan): Span {
  const kind = s.kind ?? 0;
  if (kind < 0 || kind > 5) throw new FieldProblem('kind', `unknown span kind ${kind} (expected 0 to 5)`);
  const code = s.status?.code ?? 0;
  if (code < 0 || code > 2) throw new FieldProblem('status.code', `unknown status code ${code} (expected 0 to 2)`);
  return {
    traceId: nonZeroId(idFromProto(s.traceId, 16, 'traceId'), 'traceId'),
    spanId: nonZeroId(idFromProto(s.spanId, 8, 'spanId'), 'spanId'),
    parentSpanId: parentIdFromProto(s.parentSpanId),
    traceState: s.traceState ?? '',
    flags: s.flags ?? 0,
    name: s.name ?? '',
    kind: kind as SpanKind,
    startTimeUnixNano: u64FromPb(s.startTimeUnixNano),
    endTimeUnixNano: u64FromPb(s.endTimeUnixNano),
    attributes: attributesFromProto(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount ?? 0,
    events: eventsFromProto(s.events),
    droppedEventsCount: s.droppedEventsCount ?? 0,
    links: linksFromProto(s.links),
    droppedLinksCount: s.droppedLinksCount ?? 0,
    status: { code: code as StatusCode, message: s.status?.message ?? '' },
  };
}

function eventsFromProto(list: PbEvent[] | undefined): SpanEvent[] {
  if (list === undefined || list.length === 0) return [];
  const out = new Array<SpanEvent>(list.length);
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as PbEvent;
    out[i] = { timeUnixNano: u64FromPb(e.timeUnixNano), name: e.name ?? '', attributes: attributesFromProto(e.attributes), droppedAttributesCount: e.droppedAttributesCount ?? 0 };
  }
  return out;
}

function linksFromProto(list: PbLink[] | undefined): SpanLink[] {
  if (list === undefined || list.length === 0) return [];
  const out = new Array<SpanLink>(list.length);
  for (let i = 0; i < list.length; i++) {
    const l = list[i] as PbLink;
    try {
      out[i] = {
        traceId: idFromProto(l.traceId, 16, 'traceId'),
        spanId: idFromProto(l.spanId, 8, 'spanId'),
        traceState: l.traceState ?? '',
        attributes: attributesFromProto(l.attributes),
        droppedAttributesCount: l.droppedAttributesCount ?? 0,
        flags: l.flags ?? 0,
      };
    } catch (e) {
      throw under(e, `links[${i}]`);
    }
  }
  return out;
}

function hex(b: Uint8Array): string {
  return Buffer.isBuffer(b) ? b.toString('hex') : bytesToHex(b);
}

/** A trace id (16 bytes) or span id (8 bytes); other lengths are refused. A span's own ids must also be nonZeroId. */
function idFromProto(b: Uint8Array | undefined, bytes: number, field: string): string {
  const n = b?.length ?? 0;
  if (n !== bytes) throw new FieldProblem(field, `expected ${bytes} bytes, got ${n}`);
  return hex(b as Uint8Array);
}

/** 8 bytes, or none for a root span; an all-zero parent id also means "no parent" (as in W3C trace context). */
function parentIdFromProto(b: Uint8Array | undefined): string {
  const n = b?.length ?? 0;
  if (n === 0) return '';
  if (n !== 8) throw new FieldProblem('parentSpanId', `expected 8 bytes or none, got ${n}`);
  const id = hex(b as Uint8Array);
  return id === '0000000000000000' ? '' : id;
}

/** Later duplicates of a key replace earlier ones (OTLP requires unique keys; the last value wins as in the Collector). */
export function attributesFromProto(list: PbKeyValue[] | undefined): Attributes {
  const out: Attributes = new Map();
  if (list === undefined) return out;
  for (let i = 0; i < list.length; i++) {
    const kv = list[i] as PbKeyValue;
    out.set(kv.key, anyValueFromProto(kv.value));
  }
  return out;
}

/** Nesting depth is bounded by protobufjs's decoder (100 messages), so this recursion is too. */
function anyValueFromProto(v: PbAnyValue | null | undefined): AnyValue {
  if (v === null || v === undefined) return null;
  switch (v.value) {
    case 'stringValue':
      return v.stringValue as string;
    case 'boolValue':
      return v.boolValue as boolean;
    case 'intValue':
      return i64FromPb(v.intValue);
    case 'doubleValue':
      return v.doubleValue as number;
    case 'bytesValue':
      // A copy: the decoded bytes are a view of the request body, which should not stay pinned by one attribute.
      return new Uint8Array(v.bytesValue as Uint8Array);
    case 'arrayValue': {
      const values = v.arrayValue?.values ?? [];
      const out = new Array<AnyValue>(values.length);
      for (let i = 0; i < values.length; i++) out[i] = anyValueFromProto(values[i]);
      return out;
    }
    case 'kvlistValue':
      return attributesFromProto(v.kvlistValue?.values);
    default:
      return null;
  }
}
