import { ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED } from '../../model/attributeNames.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { Attributes, Span } from '../../model/span.js';
import { HTTP_STATUS_ATTRIBUTES, httpStatusOf } from './callOutcome.js';
import { CALLEE_ATTRIBUTES, virtualCalleeName } from './virtualCallee.js';

/** What dependency pairing needs to know of a span. */
export interface LinkableSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  kind: SpanKind;
  service: string;
  startNanos: bigint;
  durationNanos: bigint;
  statusError: boolean;
  httpStatus: number | undefined;
  /** The callee to name when a CLIENT/PRODUCER span finds no partner, as stored (virtualCallee.ts). */
  peerName: string | undefined;
  /** Links of a CONSUMER span (its producer may be linked rather than its parent). */
  links: readonly { traceId: string; spanId: string }[];
  /**
   * A B3 shared SERVER span still on its caller's CLIENT span id (the `istio` processor had not seen the client, so
   * it did not split it; docs/zipkin-mesh.md, "Shared spans"): it pairs with the CLIENT span of the same id.
   */
  sharesClientId: boolean;
}

const PAIRABLE = new Set<number>([SpanKind.CLIENT, SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER]);
const NO_LINKS: LinkableSpan['links'] = Object.freeze([]);

/**
 * Every attribute key that pairing and entry calls read (callee names, HTTP status, the shared-span marks): a writer
 * that does not build attribute maps (the SQLite writer reads encoded spans) collects just these for `linkableFrom`.
 */
export const LINKING_ATTRIBUTES: ReadonlySet<string> = new Set([...CALLEE_ATTRIBUTES, ...HTTP_STATUS_ATTRIBUTES, ZIPKIN_SHARED, ZIPKIN_ORIGINAL_SPAN_ID]);

/** A span's own fields as pairing reads them, without its attributes. */
export interface SpanFacts {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  kind: SpanKind;
  startNanos: bigint;
  endNanos: bigint;
  statusError: boolean;
  /** Links of a CONSUMER span (others' are not read). */
  links: readonly { traceId: string; spanId: string }[];
}

/** The facts of a model span. */
export function factsOf(span: Span): SpanFacts {
  return {
    traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId, kind: span.kind,
    startNanos: span.startTimeUnixNano, endNanos: span.endTimeUnixNano, statusError: span.status.code === StatusCode.ERROR,
    links: span.kind === SpanKind.CONSUMER && span.links.length > 0 ? span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId })) : NO_LINKS,
  };
}

/**
 * The span as pairing sees it (holding no object of the span, which its batch owns), or undefined for kinds that
 * never take part in an edge (INTERNAL, UNSPECIFIED).
 */
export function linkableSpan(span: Span, service: string): LinkableSpan | undefined {
  return PAIRABLE.has(span.kind) ? linkableFrom(factsOf(span), span.attributes, service) : undefined;
}

/** The same from a span's facts and its attributes (those in LINKING_ATTRIBUTES are enough). */
export function linkableFrom(f: SpanFacts, attributes: Attributes, service: string): LinkableSpan | undefined {
  if (!PAIRABLE.has(f.kind)) return undefined;
  const callsOut = f.kind === SpanKind.CLIENT || f.kind === SpanKind.PRODUCER;
  const duration = f.endNanos - f.startNanos;
  return {
    traceId: f.traceId,
    spanId: f.spanId,
    parentSpanId: f.parentSpanId,
    kind: f.kind,
    service,
    startNanos: f.startNanos,
    durationNanos: duration > 0n ? duration : 0n,
    statusError: f.statusError,
    httpStatus: httpStatusOf(attributes),
    peerName: callsOut ? virtualCalleeName(attributes) : undefined,
    links: f.kind === SpanKind.CONSUMER ? f.links : NO_LINKS,
    sharesClientId: f.kind === SpanKind.SERVER && attributes.get(ZIPKIN_SHARED) === true && !wasSplit(f.parentSpanId, attributes),
  };
}

/** The `istio` processor (or the codec, for ids over 16 digits) recorded the id it arrived with; split spans hang under it. */
function wasSplit(parentSpanId: string, attributes: Attributes): boolean {
  const original = attributes.get(ZIPKIN_ORIGINAL_SPAN_ID);
  return typeof original === 'string' && parentSpanId !== '' && original.endsWith(parentSpanId);
}
