// Model -> Zipkin v2 JSON and proto3, as the OpenTelemetry Zipkin exporter specification maps it, except that names
// and service names keep their case so round trips are lossless. The reverse of zipkinToModel.ts; the batch is only
// read.
import Long from 'long';
import { ZIPKIN_DEBUG, ZIPKIN_SHARED, ZIPKIN_TIMESTAMP_ABSENT, ZIPKIN_TRACE_ID_64BIT } from '../../model/attributeNames.js';
import { anyValueToJson, anyValueToString } from '../../model/attributes.js';
import { EMPTY_SPAN_ID, hexToBytes, padHex } from '../../model/ids.js';
import { SpanKind, type AnyValue, type InstrumentationScope, type Resource, type Span, type SpanEvent, type TraceBatch } from '../../model/span.js';
import { attributesToEndpoint, ipTextToBytes, LOCAL_SIDE, REMOTE_SIDE } from './endpoints.js';
import { linkToTagValue, PEER_SERVICE, SERVICE_NAME, SERVICE_PEER_NAME, splitAttributeSuffix, statusToTags, TAG_LINK_PREFIX, TAG_SCOPE_NAME, TAG_SCOPE_VERSION, TAG_SPAN_KIND, TAG_TRACESTATE } from './tags.js';
import { ListOfSpansType, type ProtoEndpoint, type ProtoSpan } from './zipkinProto.js';
import type { ZipkinAnnotation, ZipkinEndpoint, ZipkinKind, ZipkinSpan } from './zipkinSpan.js';

export interface ZipkinEncodeOptions {
  /** localEndpoint.serviceName for resources without `service.name`; without it the field is left out. */
  defaultServiceName?: string;
}

/** A batch as a Zipkin v2 JSON ListOfSpans. */
export function encodeZipkinV2Json(batch: TraceBatch, options?: ZipkinEncodeOptions): string {
  return JSON.stringify(batchToZipkinSpans(batch, options).map(zipkinSpanToJson));
}

/**
 * A batch as a proto3 `zipkin.proto3.ListOfSpans`. Trace ids are always 16 bytes (a 64-bit one with 8 zero bytes in
 * front): the IDL allows 8, but the collector's decoder takes only 16, and readers shorten a zero high half back to
 * 64 bits.
 */
export function encodeZipkinV2Proto(batch: TraceBatch, options?: ZipkinEncodeOptions): Uint8Array {
  const spans = batchToZipkinSpans(batch, options).map((z): ProtoSpan => {
    const p: ProtoSpan = { trace_id: hexToBytes(padHex(z.traceId, 32)), id: hexToBytes(z.id), tags: Object.fromEntries(z.tags) };
    if (z.parentId !== undefined) p.parent_id = hexToBytes(z.parentId);
    if (z.kind !== undefined) p.kind = PROTO_KIND[z.kind];
    if (z.name !== undefined) p.name = z.name;
    if (z.timestamp !== undefined) p.timestamp = unsigned(z.timestamp);
    if (z.duration !== undefined) p.duration = unsigned(z.duration);
    if (z.localEndpoint) p.local_endpoint = protoEndpoint(z.localEndpoint);
    if (z.remoteEndpoint) p.remote_endpoint = protoEndpoint(z.remoteEndpoint);
    if (z.annotations.length > 0) p.annotations = z.annotations.map((a) => ({ timestamp: unsigned(a.timestamp), value: a.value }));
    if (z.debug) p.debug = true;
    if (z.shared) p.shared = true;
    return p;
  });
  return ListOfSpansType.encode({ spans }).finish();
}

/** Every span of a batch as a Zipkin span, in batch order. */
function batchToZipkinSpans(batch: TraceBatch, options?: ZipkinEncodeOptions): ZipkinSpan[] {
  const out: ZipkinSpan[] = [];
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) out.push(modelSpanToZipkin(s, rs.resource, ss.scope, options));
  return out;
}

const KIND: Partial<Record<SpanKind, ZipkinKind>> = { [SpanKind.CLIENT]: 'CLIENT', [SpanKind.SERVER]: 'SERVER', [SpanKind.PRODUCER]: 'PRODUCER', [SpanKind.CONSUMER]: 'CONSUMER' };
/** Attributes that only carry Zipkin fields and never become tags. */
const FLAGS: ReadonlySet<string> = new Set([ZIPKIN_SHARED, ZIPKIN_DEBUG, ZIPKIN_TRACE_ID_64BIT, ZIPKIN_TIMESTAMP_ABSENT]);

function isTrue(v: AnyValue | undefined): boolean {
  return v === true || v === 'true';
}

/** Nanoseconds rounded to the nearest microsecond. */
function micros(ns: bigint): bigint {
  return (ns + 500n) / 1000n;
}

function nonEmpty(e: ZipkinEndpoint): ZipkinEndpoint | undefined {
  return Object.keys(e).length === 0 ? undefined : e;
}

/**
 * An event as an annotation: its name, or `name|{json attributes}|dropped` when it has attributes or dropped ones,
 * or when its bare name would be read back as that form.
 */
function eventToAnnotation(e: SpanEvent): ZipkinAnnotation {
  const timestamp = micros(e.timeUnixNano);
  if (e.attributes.size === 0 && e.droppedAttributesCount === 0 && splitAttributeSuffix(e.name) === undefined) return { timestamp, value: e.name };
  return { timestamp, value: `${e.name}|${JSON.stringify(anyValueToJson(e.attributes))}|${e.droppedAttributesCount}` };
}

/**
 * One model span as a Zipkin span. Resource attributes other than `service.name`, then scope name/version/attributes,
 * then span attributes become string tags (later ones win); endpoint and `zipkin.*` flag attributes become the Zipkin
 * fields they came from; trace state, links, status and INTERNAL kind are written as the tags zipkinSpanToModel reads.
 */
function modelSpanToZipkin(span: Span, resource: Resource, scope: InstrumentationScope, options: ZipkinEncodeOptions = {}): ZipkinSpan {
  const attrs = span.attributes;
  const used = new Set<string>(FLAGS);
  const tags = new Map<string, string>();
  for (const [k, v] of resource.attributes) if (k !== SERVICE_NAME) tags.set(k, anyValueToString(v));
  if (scope.name !== '') tags.set(TAG_SCOPE_NAME, scope.name);
  if (scope.version !== '') tags.set(TAG_SCOPE_VERSION, scope.version);
  for (const [k, v] of scope.attributes) tags.set(k, anyValueToString(v));

  const serviceName = resource.attributes.get(SERVICE_NAME);
  const local = attributesToEndpoint(attrs, LOCAL_SIDE, used);
  if (serviceName !== undefined && serviceName !== null) local.serviceName = anyValueToString(serviceName);
  else if (options.defaultServiceName !== undefined) local.serviceName = options.defaultServiceName;
  const remote = attributesToEndpoint(attrs, REMOTE_SIDE, used);
  for (const key of [PEER_SERVICE, SERVICE_PEER_NAME]) {
    const peer = attrs.get(key);
    if (typeof peer !== 'string' || peer === '') continue;
    remote.serviceName = peer;
    used.add(key);
    break;
  }
  for (const [k, v] of attrs) if (!used.has(k)) tags.set(k, anyValueToString(v));
  if (span.traceState !== '') tags.set(TAG_TRACESTATE, span.traceState);
  span.links.forEach((link, i) => tags.set(`${TAG_LINK_PREFIX}${i}`, linkToTagValue(link)));
  statusToTags(span.status, tags);
  const kind = KIND[span.kind];
  if (span.kind === SpanKind.INTERNAL) tags.set(TAG_SPAN_KIND, 'internal');

  const z: ZipkinSpan = {
    traceId: isTrue(attrs.get(ZIPKIN_TRACE_ID_64BIT)) && span.traceId.startsWith(EMPTY_SPAN_ID) ? span.traceId.slice(16) : span.traceId,
    id: span.spanId,
    annotations: span.events.map(eventToAnnotation),
    tags,
  };
  if (span.parentSpanId !== '' && span.parentSpanId !== EMPTY_SPAN_ID) z.parentId = span.parentSpanId;
  if (kind !== undefined) z.kind = kind;
  if (span.name !== '') z.name = span.name;
  // Start 0 is how an absent timestamp travels (zipkin.timestamp_absent), so it is left out again.
  if (span.startTimeUnixNano > 0n) z.timestamp = micros(span.startTimeUnixNano);
  const elapsed = span.endTimeUnixNano - span.startTimeUnixNano;
  if (elapsed > 0n) z.duration = elapsed < 1000n ? 1n : micros(elapsed);
  const localEndpoint = nonEmpty(local);
  if (localEndpoint) z.localEndpoint = localEndpoint;
  const remoteEndpoint = nonEmpty(remote);
  if (remoteEndpoint) z.remoteEndpoint = remoteEndpoint;
  if (isTrue(attrs.get(ZIPKIN_DEBUG))) z.debug = true;
  if (isTrue(attrs.get(ZIPKIN_SHARED)) && kind !== 'CLIENT') z.shared = true;
  return z;
}

/** A plain object in zipkin2-api.yaml's v2 Span shape and field order; empty fields are left out. */
function zipkinSpanToJson(z: ZipkinSpan): Record<string, unknown> {
  const o: Record<string, unknown> = { traceId: z.traceId };
  if (z.parentId !== undefined) o.parentId = z.parentId;
  o.id = z.id;
  if (z.kind !== undefined) o.kind = z.kind;
  if (z.name !== undefined) o.name = z.name;
  // Microseconds stay below 2^53 until the year 2255.
  if (z.timestamp !== undefined) o.timestamp = Number(z.timestamp);
  if (z.duration !== undefined) o.duration = Number(z.duration);
  if (z.localEndpoint) o.localEndpoint = endpointJson(z.localEndpoint);
  if (z.remoteEndpoint) o.remoteEndpoint = endpointJson(z.remoteEndpoint);
  if (z.annotations.length > 0) o.annotations = z.annotations.map((a) => ({ timestamp: Number(a.timestamp), value: a.value }));
  if (z.tags.size > 0) o.tags = Object.fromEntries(z.tags);
  if (z.debug) o.debug = true;
  if (z.shared) o.shared = true;
  return o;
}

function endpointJson(e: ZipkinEndpoint): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (e.serviceName !== undefined) o.serviceName = e.serviceName;
  if (e.ipv4 !== undefined) o.ipv4 = e.ipv4;
  if (e.ipv6 !== undefined) o.ipv6 = e.ipv6;
  if (e.port !== undefined) o.port = e.port;
  return o;
}

const PROTO_KIND: Record<ZipkinKind, number> = { CLIENT: 1, SERVER: 2, PRODUCER: 3, CONSUMER: 4 };

function unsigned(v: bigint): Long {
  return Long.fromString(v.toString(), true);
}

/** Address text that is not an IP of the field's family cannot be written as bytes and is left out. */
function protoEndpoint(e: ZipkinEndpoint): ProtoEndpoint {
  const out: ProtoEndpoint = {};
  if (e.serviceName !== undefined) out.service_name = e.serviceName;
  const ipv4 = e.ipv4 === undefined ? undefined : ipTextToBytes(e.ipv4);
  if (ipv4?.length === 4) out.ipv4 = ipv4;
  const ipv6 = e.ipv6 === undefined ? undefined : ipTextToBytes(e.ipv6);
  if (ipv6?.length === 16) out.ipv6 = ipv6;
  if (e.port !== undefined) out.port = e.port;
  return out;
}
