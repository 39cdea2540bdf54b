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
  };
}
