// Zipkin v2 -> model, specs/zipkin-mesh.md sections 2.3-2.5 with the recommendations of 2.8 and 7 (names: README.md).
import { ZIPKIN_DEBUG, ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED, ZIPKIN_TIMESTAMP_ABSENT, ZIPKIN_TRACE_ID_64BIT } from '../../model/attributeNames.js';
import { padHex } from '../../model/ids.js';
import { SpanKind, type Attributes, type Span } from '../../model/span.js';
import { annotationToEvent } from './annotationToEvent.js';
import { LOCAL_SIDE, REMOTE_SIDE } from './endpointSide.js';
import { endpointToAttributes } from './endpointToAttributes.js';
import { parseStringTag } from './parseStringTag.js';
import { readLinkTags } from './readLinkTags.js';
import { statusFromTags } from './statusFromTags.js';
import { PEER_SERVICE, TAG_LIBRARY_NAME, TAG_LIBRARY_VERSION, TAG_SCOPE_NAME, TAG_SCOPE_VERSION, TAG_SPAN_KIND, TAG_TRACESTATE } from './tagNames.js';
import type { ZipkinSpan } from './zipkinSpan.js';

const KIND: Readonly<Record<string, SpanKind>> = { CLIENT: SpanKind.CLIENT, SERVER: SpanKind.SERVER, PRODUCER: SpanKind.PRODUCER, CONSUMER: SpanKind.CONSUMER };
const TAG_KIND: Readonly<Record<string, SpanKind>> = { ...KIND, INTERNAL: SpanKind.INTERNAL };

export interface ModelledZipkinSpan {
  span: Span;
  /** localEndpoint.serviceName, the resource's `service.name`. */
  serviceName: string | undefined;
  scopeName: string;
  scopeVersion: string;
}

/** Takes `key` from `tags`, or else `fallback` (removing the one taken). */
function take(tags: Map<string, string>, key: string, fallback?: string): string | undefined {
  const v = tags.get(key);
  if (v !== undefined) {
    tags.delete(key);
    return v;
  }
  return fallback === undefined ? undefined : take(tags, fallback);
}

/**
 * One Zipkin span as a model span. Tags become string attributes (typed only with `parseStringTags`), except the ones
 * that carry model fields: `w3c.tracestate`, status tags, `otlp.link.N`, scope tags, and `span.kind` when there is no
 * kind. Zipkin-only facts travel as `zipkin.*` attributes so modelSpanToZipkin restores them.
 *
 * Takes ownership of `z.tags`: that map, less the tags read into fields, becomes the span's attributes (one map per
 * span instead of three copies, issue 2 item 10), so `z` must not be used afterwards.
 */
export function zipkinSpanToModel(z: ZipkinSpan, parseStringTags: boolean): ModelledZipkinSpan {
  const tags = z.tags;
  let kind: SpanKind = z.kind === undefined ? SpanKind.UNSPECIFIED : (KIND[z.kind] ?? SpanKind.UNSPECIFIED);
  if (z.kind === undefined) {
    const tagKind = TAG_KIND[tags.get(TAG_SPAN_KIND)?.toUpperCase() ?? ''];
    if (tagKind !== undefined) {
      kind = tagKind;
      tags.delete(TAG_SPAN_KIND);
    }
  }
  const traceState = take(tags, TAG_TRACESTATE) ?? '';
  const status = statusFromTags(tags);
  const links = readLinkTags(tags);
  const scopeName = take(tags, TAG_SCOPE_NAME, TAG_LIBRARY_NAME) ?? '';
  const scopeVersion = take(tags, TAG_SCOPE_VERSION, TAG_LIBRARY_VERSION) ?? '';

  // Re-setting an existing key keeps its place, so the attributes keep the tags' order.
  const attributes: Attributes = tags;
  if (parseStringTags) for (const [key, value] of tags) attributes.set(key, parseStringTag(value));
  if (z.localEndpoint) endpointToAttributes(z.localEndpoint, LOCAL_SIDE, attributes);
  if (z.remoteEndpoint?.serviceName !== undefined) attributes.set(PEER_SERVICE, z.remoteEndpoint.serviceName);
  if (z.remoteEndpoint) endpointToAttributes(z.remoteEndpoint, REMOTE_SIDE, attributes);
  // Section 1.1: Zipkin drops `shared` on CLIENT spans.
  if (z.shared && z.kind !== 'CLIENT') attributes.set(ZIPKIN_SHARED, true);
  if (z.debug) attributes.set(ZIPKIN_DEBUG, true);
  if (z.traceId.length === 16) attributes.set(ZIPKIN_TRACE_ID_64BIT, true);
  if (z.originalId !== undefined) attributes.set(ZIPKIN_ORIGINAL_SPAN_ID, z.originalId);
  // Section 7.3: an absent timestamp is kept absent (start 0 plus a marker), never replaced by "now".
  if (z.timestamp === undefined) attributes.set(ZIPKIN_TIMESTAMP_ABSENT, true);

  const start = (z.timestamp ?? 0n) * 1000n;
  const span: Span = {
    traceId: padHex(z.traceId, 32),
    spanId: z.id,
    parentSpanId: z.parentId ?? '',
    traceState,
    flags: 0,
    name: z.name ?? '',
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: start + (z.duration ?? 0n) * 1000n,
    attributes,
    droppedAttributesCount: 0,
    events: z.annotations.map(annotationToEvent),
    droppedEventsCount: 0,
    links,
    droppedLinksCount: 0,
    status,
  };
  return { span, serviceName: z.localEndpoint?.serviceName, scopeName, scopeVersion };
}
