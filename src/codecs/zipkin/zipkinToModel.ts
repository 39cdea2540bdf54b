// Zipkin v2 spans -> model, the way the collector's Zipkin receiver maps them, with the leniency meshes need (field
// names: README.md; reasons: docs/zipkin-mesh.md). The reverse is encodeZipkinV2.ts.
import { ZIPKIN_DEBUG, ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED, ZIPKIN_TIMESTAMP_ABSENT, ZIPKIN_TRACE_ID_64BIT } from '../../model/attributeNames.js';
import { padHex } from '../../model/ids.js';
import { SpanKind, type Attributes, type ResourceSpans, type ScopeSpans, type Span, type SpanEvent, type TraceBatch } from '../../model/span.js';
import { endpointToAttributes, LOCAL_SIDE, REMOTE_SIDE } from './endpoints.js';
import { parseStringTag, PEER_SERVICE, readLinkTags, SERVICE_NAME, splitAttributeSuffix, statusFromTags, TAG_LIBRARY_NAME, TAG_LIBRARY_VERSION, TAG_SCOPE_NAME, TAG_SCOPE_VERSION, TAG_SPAN_KIND, TAG_TRACESTATE } from './tags.js';
import type { ZipkinAnnotation, ZipkinKind, ZipkinSpan } from './zipkinSpan.js';

const CORE: ReadonlySet<string> = new Set(['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr']);

type Markers = Partial<Record<string, ZipkinAnnotation>>;

/**
 * v1 core annotations inside v2 spans (Envoy adds `ss`/`cr`, and spans read back from v1 storage carry
 * `cs`/`sr`/`cr`/`ss` with no `kind`) are used as timing markers, not events: a missing `kind` comes from them
 * (`cs`/`cr` CLIENT, `sr`/`ss` SERVER, `ms` PRODUCER, `mr` CONSUMER), a missing timestamp from the start marker and a
 * missing duration from start to end. A span holding both client and server markers is split like Zipkin's v1
 * converter splits a shared v1 span: the client keeps the span's timing, the server half is `shared` and timed
 * `sr`..`ss`. Markers are dropped once the span has a timestamp; a span still without one keeps them as annotations
 * so their times are not lost.
 */
export function applyCoreAnnotations(span: ZipkinSpan): ZipkinSpan[] {
  if (span.annotations.length === 0) return [span];
  const markers: Markers = {};
  for (const a of span.annotations) if (CORE.has(a.value)) markers[a.value] ??= a;
  if (Object.keys(markers).length === 0) return [span];
  const { cs, cr, sr, ss } = markers;
  if (span.kind === undefined && (cs || cr) && (sr || ss)) {
    const server: ZipkinSpan = { ...span, kind: 'SERVER', shared: true, annotations: span.annotations.filter((a) => a === sr || a === ss), tags: new Map(span.tags) };
    delete server.timestamp;
    delete server.duration;
    delete server.remoteEndpoint;
    const serverMarkers = { sr, ss };
    const clientMarkers: Markers = { ...markers, sr: undefined, ss: undefined };
    return [timed({ ...span, kind: 'CLIENT' }, clientMarkers, 'CLIENT'), timed(server, serverMarkers, 'SERVER')];
  }
  const kind = span.kind ?? (cs || cr ? 'CLIENT' : sr || ss ? 'SERVER' : markers.ms ? 'PRODUCER' : markers.mr ? 'CONSUMER' : undefined);
  const out: ZipkinSpan = { ...span };
  if (kind !== undefined) out.kind = kind;
  return [timed(out, markers, kind)];
}

/**
 * Fills timestamp/duration from the markers of `kind` and drops core annotations from `span.annotations`, except the
 * ones in `markers` when no timestamp results.
 */
function timed(span: ZipkinSpan, markers: Markers, kind: ZipkinKind | undefined): ZipkinSpan {
  const [start, end] = kind === 'CLIENT' ? [markers.cs, markers.cr] : kind === 'SERVER' ? [markers.sr, markers.ss] : kind === 'PRODUCER' ? [markers.ms, markers.ws] : kind === 'CONSUMER' ? [markers.wr ?? markers.mr, markers.wr ? markers.mr : undefined] : [undefined, undefined];
  if (span.timestamp === undefined && start) span.timestamp = start.timestamp;
  if (span.timestamp === undefined && end && span.duration !== undefined && end.timestamp > span.duration) span.timestamp = end.timestamp - span.duration;
  if (span.duration === undefined && start && end && end.timestamp > start.timestamp) span.duration = end.timestamp - start.timestamp;
  const keep = span.timestamp === undefined ? new Set(Object.values(markers)) : new Set();
  span.annotations = span.annotations.filter((a) => !CORE.has(a.value) || keep.has(a));
  return span;
}

/** An annotation as an event: the value is the name, or `name|{json attributes}|dropped` as the exporter writes it. */
function annotationToEvent(a: ZipkinAnnotation): SpanEvent {
  const structured = splitAttributeSuffix(a.value);
  const timeUnixNano = a.timestamp * 1000n;
  if (structured) return { timeUnixNano, name: structured.head, attributes: structured.attributes, droppedAttributesCount: structured.dropped };
  return { timeUnixNano, name: a.value, attributes: new Map(), droppedAttributesCount: 0 };
}

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
 * kind. Zipkin-only facts travel as `zipkin.*` attributes so the encoder restores them.
 *
 * Takes ownership of `z.tags`: that map, less the tags read into fields, becomes the span's attributes (one map per
 * span instead of three copies on the ingest path), so `z` must not be used afterwards.
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
  // Zipkin itself drops `shared` on CLIENT spans: only a server (or consumer) half can be the shared one.
  if (z.shared && z.kind !== 'CLIENT') attributes.set(ZIPKIN_SHARED, true);
  if (z.debug) attributes.set(ZIPKIN_DEBUG, true);
  if (z.traceId.length === 16) attributes.set(ZIPKIN_TRACE_ID_64BIT, true);
  if (z.originalId !== undefined) attributes.set(ZIPKIN_ORIGINAL_SPAN_ID, z.originalId);
  // An absent timestamp is kept absent (start 0 plus a marker), never replaced by "now": a made-up time would move
  // the span in its trace.
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

interface ResourceEntry {
  rs: ResourceSpans;
  scopes: Map<string, ScopeSpans>;
  /** The scope the previous span of this resource went to: nearly every span of a service shares it. */
  last: ScopeSpans | undefined;
}

/**
 * Groups spans into one ResourceSpans per local service name (spans without one share a resource with no
 * attributes) and one ScopeSpans per scope name and version, in order of first appearance.
 */
export function zipkinSpansToBatch(spans: Iterable<ModelledZipkinSpan>): TraceBatch {
  const resources = new Map<string | undefined, ResourceEntry>();
  for (const m of spans) {
    let r = resources.get(m.serviceName);
    if (!r) {
      const attributes = new Map(m.serviceName === undefined ? [] : [[SERVICE_NAME, m.serviceName]]);
      r = { rs: { resource: { attributes, droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [] }, scopes: new Map(), last: undefined };
      resources.set(m.serviceName, r);
    }
    let ss = r.last;
    if (ss === undefined || ss.scope.name !== m.scopeName || ss.scope.version !== m.scopeVersion) {
      const scopeKey = `${m.scopeName}\u0000${m.scopeVersion}`;
      ss = r.scopes.get(scopeKey);
      if (!ss) {
        ss = { scope: { name: m.scopeName, version: m.scopeVersion, attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [] };
        r.scopes.set(scopeKey, ss);
        r.rs.scopeSpans.push(ss);
      }
      r.last = ss;
    }
    ss.spans.push(m.span);
  }
  const out: ResourceSpans[] = [];
  for (const r of resources.values()) out.push(r.rs);
  return { resourceSpans: out };
}
