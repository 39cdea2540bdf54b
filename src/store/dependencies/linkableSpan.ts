import { ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED } from '../../model/attributeNames.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { Span } from '../../model/span.js';
import { httpStatusOf } from './callOutcome.js';
import { virtualCalleeName } from './virtualCallee.js';

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
 * The span as pairing sees it (holding no object of the span, which its batch owns), or undefined for kinds that
 * never take part in an edge (INTERNAL, UNSPECIFIED).
 */
export function linkableSpan(span: Span, service: string): LinkableSpan | undefined {
  if (!PAIRABLE.has(span.kind)) return undefined;
  const callsOut = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER;
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    kind: span.kind,
    service,
    startNanos: span.startTimeUnixNano,
    durationNanos: duration > 0n ? duration : 0n,
    statusError: span.status.code === StatusCode.ERROR,
    httpStatus: httpStatusOf(span.attributes),
    peerName: callsOut ? virtualCalleeName(span.attributes) : undefined,
    links: span.kind === SpanKind.CONSUMER && span.links.length > 0 ? span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId })) : NO_LINKS,
    sharesClientId: span.kind === SpanKind.SERVER && span.attributes.get(ZIPKIN_SHARED) === true && !wasSplit(span),
  };
}

/** The `istio` processor (or the codec, for ids over 16 digits) recorded the id it arrived with; split spans hang under it. */
function wasSplit(span: Span): boolean {
  const original = span.attributes.get(ZIPKIN_ORIGINAL_SPAN_ID);
  return typeof original === 'string' && span.parentSpanId !== '' && original.endsWith(span.parentSpanId);
}
