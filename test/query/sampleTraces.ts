// Fixed traces for the query API tests, timed a minute before the test run so every API's default time window
// (Jaeger: 2 days, Zipkin: 1 day) holds them. Newest first: C, A, B, D.
import { SpanKind, StatusCode, type AnyValue, type Attributes, type Resource, type ScopeSpans, type Span, type TraceBatch } from '../../src/model/span.js';
import type { DependencyEdge } from '../../src/store/store.js';

const MS = 1_000_000n;
/** A minute ago, on a whole millisecond, plus 123456 ns (so microsecond truncation shows). */
export const BASE = (BigInt(Date.now()) - 60_000n) * MS + 123_456n;

export const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
export const TRACE_B = '000000000000000000f067aa0ba902b7';
export const TRACE_C = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const TRACE_D = 'dddddddddddddddddddddddddddddddd';

export const SPAN_A1 = 'a100000000000001';
export const SPAN_A2 = 'a200000000000002';
export const SPAN_A3 = 'a300000000000003';

function span(traceId: string, spanId: string, parentSpanId: string, name: string, kind: SpanKind, startNanos: bigint, durationNanos: bigint, attributes: Attributes = new Map()): Span {
  return {
    traceId, spanId, parentSpanId, traceState: '', flags: 1, name, kind, startTimeUnixNano: startNanos, endTimeUnixNano: startNanos + durationNanos,
    attributes, droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: StatusCode.UNSET, message: '' },
  };
}

function resource(entries: Array<[string, AnyValue]>): Resource {
  return { attributes: new Map(entries), droppedAttributesCount: 0 };
}

function scope(name: string, version: string, spans: Span[]): ScopeSpans {
  return { scope: { name, version, attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans };
}

/** Trace A: frontend GET /checkout -> frontend CLIENT GET /pay -> backend SERVER GET /pay (ERROR "card declined"). */
function traceA(): TraceBatch {
  const a1 = span(TRACE_A, SPAN_A1, '', 'GET /checkout', SpanKind.SERVER, BASE, 10n * MS, new Map<string, AnyValue>([['http.request.method', 'GET'], ['http.response.status_code', 200n]]));
  a1.traceState = 'vendor=a';
  a1.events.push({ timeUnixNano: BASE + MS, name: 'cache-miss', attributes: new Map([['cache.key', 'cart']]), droppedAttributesCount: 0 });
  const a2 = span(TRACE_A, SPAN_A2, SPAN_A1, 'GET /pay', SpanKind.CLIENT, BASE + 2n * MS, 6n * MS, new Map([['http.request.method', 'GET'], ['peer.service', 'backend']]));
  const a3 = span(TRACE_A, SPAN_A3, SPAN_A2, 'GET /pay', SpanKind.SERVER, BASE + 2n * MS + 500_000n, 5n * MS, new Map<string, AnyValue>([
    ['http.request.method', 'GET'], ['ratio', 1.5], ['big', 2n ** 60n], ['blob', new Uint8Array([0, 0, 48, 57])], ['list', ['a', 1n]], ['map', new Map([['k', 'v']])], ['nothing', null],
  ]));
  a3.status = { code: StatusCode.ERROR, message: 'card declined' };
  a3.flags = 0;
  a3.links.push({ traceId: TRACE_C, spanId: 'c100000000000001', traceState: '', attributes: new Map(), droppedAttributesCount: 0, flags: 0 });
  return {
    resourceSpans: [
      { resource: resource([['service.name', 'frontend']]), schemaUrl: '', scopeSpans: [scope('checkout-lib', '2.1', [a1, a2])] },
      { resource: resource([['service.name', 'backend'], ['host.name', 'h1'], ['process.pid', 42n]]), schemaUrl: '', scopeSpans: [scope('', '', [a3])] },
    ],
  };
}

/** Trace B: a 64-bit id (padded), service "Details" with an upper-case letter, one INTERNAL span. */
function traceB(): TraceBatch {
  return { resourceSpans: [{ resource: resource([['service.name', 'Details']]), schemaUrl: '', scopeSpans: [scope('', '', [span(TRACE_B, 'b100000000000001', '', 'Lookup', SpanKind.INTERNAL, BASE - 30_000n * MS, 2n * MS)])] }] };
}

/** Trace C: the newest, frontend GET /. */
function traceC(): TraceBatch {
  return { resourceSpans: [{ resource: resource([['service.name', 'frontend']]), schemaUrl: '', scopeSpans: [scope('', '', [span(TRACE_C, 'c100000000000001', '', 'GET /', SpanKind.SERVER, BASE + 20_000n * MS, MS)])] }] };
}

/** Trace D: a resource without attributes (no service.name). */
function traceD(): TraceBatch {
  return { resourceSpans: [{ resource: resource([]), schemaUrl: '', scopeSpans: [scope('', '', [span(TRACE_D, 'd100000000000001', '', 'orphan', SpanKind.UNSPECIFIED, BASE - 40_000n * MS, MS)])] }] };
}

export function sampleBatches(): TraceBatch[] {
  return [traceA(), traceB(), traceC(), traceD()];
}

export const SAMPLE_EDGES: readonly DependencyEdge[] = [
  { parent: 'frontend', child: 'backend', callCount: 3, errorCount: 1, faultCount: 1, throttleCount: 0, p50Nanos: 2n * MS, p99Nanos: 5n * MS, virtual: false },
  { parent: 'Frontend', child: 'backend', callCount: 1, errorCount: 0, faultCount: 0, throttleCount: 0, p50Nanos: MS, p99Nanos: MS, virtual: false },
  { parent: 'backend', child: 'postgresql', callCount: 5, errorCount: 0, faultCount: 0, throttleCount: 1, p50Nanos: MS, p99Nanos: 3n * MS, virtual: true },
];
