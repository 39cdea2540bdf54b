// Model -> Zipkin v2, specs/zipkin-mesh.md section 2.6, except that names and service names keep their case so
// round trips are lossless. The reverse of zipkinSpanToModel.ts.
import { ZIPKIN_DEBUG, ZIPKIN_SHARED, ZIPKIN_TIMESTAMP_ABSENT, ZIPKIN_TRACE_ID_64BIT } from '../../model/attributeNames.js';
import { anyValueToString } from '../../model/attributes.js';
import { EMPTY_SPAN_ID } from '../../model/ids.js';
import { SpanKind, type AnyValue, type InstrumentationScope, type Resource, type Span } from '../../model/span.js';
import { attributesToEndpoint } from './attributesToEndpoint.js';
import { LOCAL_SIDE, REMOTE_SIDE } from './endpointSide.js';
import { eventToAnnotation } from './eventToAnnotation.js';
import { linkToTagValue } from './linkToTagValue.js';
import { statusToTags } from './statusToTags.js';
import { PEER_SERVICE, SERVICE_NAME, SERVICE_PEER_NAME, TAG_LINK_PREFIX, TAG_SCOPE_NAME, TAG_SCOPE_VERSION, TAG_SPAN_KIND, TAG_TRACESTATE } from './tagNames.js';
import type { ZipkinEndpoint, ZipkinKind, ZipkinSpan } from './zipkinSpan.js';

export interface ZipkinEncodeOptions {
  /** localEndpoint.serviceName for resources without `service.name`; without it the field is left out. */
  defaultServiceName?: string;
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
 * One model span as a Zipkin span. Resource attributes other than `service.name`, then scope name/version/attributes,
 * then span attributes become string tags (later ones win); endpoint and `zipkin.*` flag attributes become the Zipkin
 * fields they came from; trace state, links, status and INTERNAL kind are written as the tags zipkinSpanToModel reads.
 */
export function modelSpanToZipkin(span: Span, resource: Resource, scope: InstrumentationScope, options: ZipkinEncodeOptions = {}): ZipkinSpan {
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
