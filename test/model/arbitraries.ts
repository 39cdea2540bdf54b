// fast-check arbitraries for the internal model, for the codecs' property-based round trips. They cover every
// value the OTLP wire can carry: full-range fixed64 times, uint32 counts and flags, every AnyValue case including
// int64 extremes, -0, NaN and the infinities, bytes, nested arrays and kvlists, and the empty value (null).
// Strings are valid Unicode (no lone surrogates), since protobuf strings are UTF-8.
import fc from 'fast-check';
import { bytesToHex, isValidSpanId, isValidTraceId } from '../../src/model/ids.js';
import type { AnyValue, Attributes, InstrumentationScope, Resource, ResourceSpans, ScopeSpans, Span, SpanEvent, SpanKind, SpanLink, StatusCode, TraceBatch } from '../../src/model/span.js';

const MAX_U64 = (1n << 64n) - 1n;
const MAX_U32 = 0xffff_ffff;

export interface ArbitrarySizes {
  /** Most resourceSpans / scopeSpans / spans per level (default 3 / 3 / 4). */
  maxResourceSpans?: number;
  maxScopeSpans?: number;
  maxSpans?: number;
}

export function arbitraryTraceId(): fc.Arbitrary<string> {
  return fc.uint8Array({ minLength: 16, maxLength: 16 }).map(bytesToHex).filter(isValidTraceId);
}

export function arbitrarySpanId(): fc.Arbitrary<string> {
  return fc.uint8Array({ minLength: 8, maxLength: 8 }).map(bytesToHex).filter(isValidSpanId);
}

/** Nanoseconds since the Unix epoch over the whole fixed64 range. */
export function arbitraryUnixNano(): fc.Arbitrary<bigint> {
  return fc.oneof(fc.bigInt({ min: 0n, max: MAX_U64 }), fc.constantFrom(0n, MAX_U64, (1n << 63n) - 1n, 1_700_000_000_123_456_789n));
}

/** fc.record with ordinary objects (fast-check 4 defaults to null-prototype ones, which deepStrictEqual tells apart). */
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true });
}

function text(maxLength = 12): fc.Arbitrary<string> {
  return fc.string({ unit: 'binary', maxLength });
}

function uint32(): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: MAX_U32 }));
}

const int64 = fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.constantFrom(0n, -1n, -(1n << 63n), (1n << 63n) - 1n));

/** An attribute key: mostly dotted ASCII names, sometimes any string (the wire allows any). */
export function arbitraryAttributeKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_.]{0,15}$/), text(8));
}

const values = fc.letrec<{ value: AnyValue; kvlist: Attributes }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text(),
    fc.boolean(),
    int64,
    fc.double(),
    fc.uint8Array({ maxLength: 12 }),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('kvlist'),
  ),
  kvlist: fc.uniqueArray(fc.tuple(arbitraryAttributeKey(), tie('value')), { selector: ([k]) => k, maxLength: 4 }).map((entries) => new Map(entries)),
}));

/** Any AnyValue, nested arrays and kvlists included. */
export function arbitraryAnyValue(): fc.Arbitrary<AnyValue> {
  return values.value;
}

export function arbitraryAttributes(maxLength = 5): fc.Arbitrary<Attributes> {
  return fc.uniqueArray(fc.tuple(arbitraryAttributeKey(), values.value), { selector: ([k]) => k, maxLength }).map((entries) => new Map(entries));
}

export function arbitrarySpanEvent(): fc.Arbitrary<SpanEvent> {
  return record({ timeUnixNano: arbitraryUnixNano(), name: text(), attributes: arbitraryAttributes(3), droppedAttributesCount: uint32() });
}

export function arbitrarySpanLink(): fc.Arbitrary<SpanLink> {
  return record({
    traceId: arbitraryTraceId(),
    spanId: arbitrarySpanId(),
    traceState: fc.oneof(fc.constant(''), fc.constant('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'), text()),
    attributes: arbitraryAttributes(3),
    droppedAttributesCount: uint32(),
    flags: uint32(),
  });
}

/** A span; `endTimeUnixNano >= startTimeUnixNano`, both anywhere in the fixed64 range. */
export function arbitrarySpan(): fc.Arbitrary<Span> {
  return record({
    traceId: arbitraryTraceId(),
    spanId: arbitrarySpanId(),
    parentSpanId: fc.option(arbitrarySpanId(), { nil: '' }),
    traceState: fc.oneof(fc.constant(''), text()),
    flags: uint32(),
    name: text(),
    kind: fc.integer({ min: 0, max: 5 }).map((k) => k as SpanKind),
    startTimeUnixNano: arbitraryUnixNano(),
    durationNanos: fc.bigInt({ min: 0n, max: 1n << 40n }),
    attributes: arbitraryAttributes(),
    droppedAttributesCount: uint32(),
    events: fc.array(arbitrarySpanEvent(), { maxLength: 3 }),
    droppedEventsCount: uint32(),
    links: fc.array(arbitrarySpanLink(), { maxLength: 2 }),
    droppedLinksCount: uint32(),
    status: record({ code: fc.integer({ min: 0, max: 2 }).map((c) => c as StatusCode), message: text() }),
  }).map(({ durationNanos, ...s }) => {
    const end = s.startTimeUnixNano + durationNanos;
    return { ...s, endTimeUnixNano: end > MAX_U64 ? MAX_U64 : end };
  });
}

export function arbitraryResource(): fc.Arbitrary<Resource> {
  return record({ attributes: arbitraryAttributes(), droppedAttributesCount: uint32() });
}

export function arbitraryScope(): fc.Arbitrary<InstrumentationScope> {
  return record({ name: text(), version: text(6), attributes: arbitraryAttributes(2), droppedAttributesCount: uint32() });
}

const schemaUrl = fc.oneof(fc.constant(''), fc.constant('https://opentelemetry.io/schemas/1.26.0'), text());

export function arbitraryScopeSpans(maxSpans = 4): fc.Arbitrary<ScopeSpans> {
  return record({ scope: arbitraryScope(), schemaUrl, spans: fc.array(arbitrarySpan(), { maxLength: maxSpans }) });
}

export function arbitraryResourceSpans(maxScopeSpans = 3, maxSpans = 4): fc.Arbitrary<ResourceSpans> {
  return record({ resource: arbitraryResource(), schemaUrl, scopeSpans: fc.array(arbitraryScopeSpans(maxSpans), { maxLength: maxScopeSpans }) });
}

export function arbitraryTraceBatch(sizes: ArbitrarySizes = {}): fc.Arbitrary<TraceBatch> {
  return record({
    resourceSpans: fc.array(arbitraryResourceSpans(sizes.maxScopeSpans ?? 3, sizes.maxSpans ?? 4), { maxLength: sizes.maxResourceSpans ?? 3 }),
  });
}
