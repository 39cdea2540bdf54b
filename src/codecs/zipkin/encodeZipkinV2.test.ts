import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { renderBatch } from '../../../test/codecs/zipkin/renderDecodeResult.js';
import { SpanKind, StatusCode, type AnyValue, type Span, type TraceBatch } from '../../model/span.js';
import { decodeZipkinV2Json } from './decodeZipkinV2Json.js';
import { decodeZipkinV2Proto } from './decodeZipkinV2Proto.js';
import { encodeZipkinV2Json, encodeZipkinV2Proto } from './encodeZipkinV2.js';

function span(overrides: Partial<Span> = {}): Span {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: 'GET /Users',
    kind: SpanKind.SERVER,
    startTimeUnixNano: 1_700_000_000_123_456_789n,
    endTimeUnixNano: 1_700_000_000_123_457_300n,
    attributes: new Map(),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: StatusCode.UNSET, message: '' },
    ...overrides,
  };
}

function batch(s: Span, resource: Array<[string, string | bigint]> = [['service.name', 'Users-API']], scope = { name: '', version: '' }): TraceBatch {
  return { resourceSpans: [{ resource: { attributes: new Map(resource), droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [{ scope: { ...scope, attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [s] }] }] };
}

function encodeOne(b: TraceBatch, defaultServiceName?: string): Record<string, unknown> {
  const list = JSON.parse(encodeZipkinV2Json(b, defaultServiceName === undefined ? undefined : { defaultServiceName })) as Array<Record<string, unknown>>;
  assert.equal(list.length, 1);
  return list[0] ?? {};
}

void describe('encodeZipkinV2Json', () => {
  void test('names and service names keep their case; times round to microseconds', () => {
    assert.deepEqual(encodeOne(batch(span())), {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      id: 'b7ad6b7169203331',
      kind: 'SERVER',
      name: 'GET /Users',
      timestamp: 1_700_000_000_123_457,
      duration: 1,
      localEndpoint: { serviceName: 'Users-API' },
    });
  });

  void test('INTERNAL is the span.kind=internal tag; resource and scope attributes become tags, span attributes win', () => {
    const s = span({ kind: SpanKind.INTERNAL, attributes: new Map<string, AnyValue>([['host.name', 'span-host'], ['retries', 3n], ['ok', true], ['list', ['a', 1n]]]) });
    const z = encodeOne(batch(s, [['service.name', 'svc'], ['host.name', 'resource-host'], ['k8s.pod.name', 'pod-1']], { name: 'io.lib', version: '2.0' }));
    assert.equal(z.kind, undefined);
    assert.deepEqual(z.tags, { 'host.name': 'span-host', 'k8s.pod.name': 'pod-1', 'otel.scope.name': 'io.lib', 'otel.scope.version': '2.0', retries: '3', ok: 'true', list: '["a",1]', 'span.kind': 'internal' });
  });

  void test('without service.name the default service name is used when given, else none', () => {
    assert.deepEqual(encodeOne(batch(span(), []), 'unknown_service').localEndpoint, { serviceName: 'unknown_service' });
    assert.equal(encodeOne(batch(span(), [])).localEndpoint, undefined);
  });

  void test('zipkin.* attributes restore Zipkin fields: 64-bit trace id, absent timestamp, shared, debug, endpoints', () => {
    const s = span({
      traceId: '0000000000000000463ac35c9f6413ad',
      startTimeUnixNano: 0n,
      endTimeUnixNano: 25_000n,
      attributes: new Map<string, string | bigint | boolean>([
        ['zipkin.trace_id_64bit', true], ['zipkin.timestamp_absent', true], ['zipkin.shared', true], ['zipkin.debug', true],
        ['network.local.address', '2001:db8::1'], ['zipkin.local_endpoint.ipv4', '10.0.0.1'], ['network.local.port', 8080n],
        ['peer.service', 'db'], ['network.peer.address', 'not-an-ip'], ['net.peer.port', '5432'],
      ]),
    });
    assert.deepEqual(encodeOne(batch(s)), {
      traceId: '463ac35c9f6413ad',
      id: 'b7ad6b7169203331',
      kind: 'SERVER',
      name: 'GET /Users',
      duration: 25,
      localEndpoint: { serviceName: 'Users-API', ipv4: '10.0.0.1', ipv6: '2001:db8::1', port: 8080 },
      remoteEndpoint: { serviceName: 'db', port: 5432 },
      tags: { 'network.peer.address': 'not-an-ip' },
      debug: true,
      shared: true,
    });
  });

  void test('status, trace state, events with attributes and links are written as the tags the decoder reads', () => {
    const s = span({
      traceState: 'vendor=1',
      status: { code: StatusCode.ERROR, message: 'timeout' },
      events: [{ timeUnixNano: 1_700_000_000_200_000_000n, name: 'retry', attributes: new Map([['attempt', 2n]]), droppedAttributesCount: 0 }, { timeUnixNano: 1_700_000_000_300_000_000n, name: 'done', attributes: new Map(), droppedAttributesCount: 0 }],
      links: [{ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceState: '', attributes: new Map(), droppedAttributesCount: 1, flags: 1 }],
    });
    const z = encodeOne(batch(s));
    assert.deepEqual(z.annotations, [{ timestamp: 1_700_000_000_200_000, value: 'retry|{"attempt":2}|0' }, { timestamp: 1_700_000_000_300_000, value: 'done' }]);
    assert.deepEqual(z.tags, { 'w3c.tracestate': 'vendor=1', 'otlp.link.0': `${'1'.repeat(32)}|${'2'.repeat(16)}||{}|1`, error: 'timeout' });
    assert.deepEqual(encodeOne(batch(span({ status: { code: StatusCode.OK, message: '' } }))).tags, { 'otel.status_code': 'OK' });
  });

  void test('a CLIENT span never carries shared; an UNSET span loses an error attribute that would read back as an error', () => {
    const z = encodeOne(batch(span({ kind: SpanKind.CLIENT, attributes: new Map<string, string | boolean>([['zipkin.shared', true], ['error', 'oops']]) })));
    assert.deepEqual([z.shared, z.tags], [undefined, undefined]);
  });
});

// Property-based round trips: arbitrary Zipkin v2 spans in the canonical form encodeZipkinV2Json writes survive
// decode -> encode unchanged, through JSON and through proto3.

const hex = (digits: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${digits}}$`));
const spanId = hex(16).filter((s) => !/^0+$/.test(s));
const traceId = fc.oneof(spanId, hex(32).filter((s) => !s.startsWith('0'.repeat(16))));
const text = (minLength = 0) => fc.string({ unit: 'binary', minLength, maxLength: 12 });
/** Tag keys that carry model fields are generated only through their own arbitraries below. */
const RESERVED = /^(otel\.|otlp\.link\.|zipkin\.|network\.|net\.|error$|w3c\.tracestate$|span\.kind$|peer\.service$|service\.peer\.name$|__proto__$)/;
const tagKey = text().filter((k) => !RESERVED.test(k));
/** IPv6 text as the WHATWG URL serializer writes it, which is how the proto path formats 16 address bytes. */
const ipv6 = fc.ipV6().map((ip) => new URL(`http://[${ip}]/`).hostname.slice(1, -1));
const endpoint = fc
  .record({ serviceName: text(1), ipv4: fc.ipV4(), ipv6, port: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] })
  .filter((e) => Object.keys(e).length > 0);
const micros = (max: number) => fc.integer({ min: 1, max });
const scalar = fc.oneof(text(), fc.boolean(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)));
const jsonAttributes = fc.dictionary(text(), scalar, { maxKeys: 3 }).map((o) => JSON.stringify(o));
const annotationValue = fc.oneof(
  text().filter((v) => !v.includes('|') && !['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr'].includes(v)),
  // The structured form is canonical only when there is something to carry.
  fc.tuple(text().filter((v) => !v.includes('|')), jsonAttributes, fc.nat(5)).filter(([, json, dropped]) => json !== '{}' || dropped > 0).map(([name, json, dropped]) => `${name}|${json}|${dropped}`),
);
const message = text(1).filter((m) => m !== 'true' && m !== 'false');
const statusTags = fc.oneof(
  fc.constant({}),
  fc.constant({ error: 'true' }),
  fc.constantFrom({ error: 'false' }, { error: '' }),
  message.map((m) => ({ error: m })),
  fc.constant({ 'otel.status_code': 'OK' }),
  message.map((m) => ({ 'otel.status_code': 'OK', 'otel.status_description': m })),
  fc.constantFrom('true', 'false').map((m) => ({ 'otel.status_code': 'ERROR', 'otel.status_description': m, error: 'true' })),
);
const linkTags = fc
  .array(fc.tuple(hex(32).filter((s) => !/^0+$/.test(s)), spanId, fc.string({ maxLength: 8 }).filter((s) => !s.includes('|')), jsonAttributes, fc.nat(3)), { maxLength: 2 })
  .map((links) => Object.fromEntries(links.map((l, i) => [`otlp.link.${i}`, l.join('|')])));
const optionalTags = fc.record({ 'w3c.tracestate': text(1), 'otel.scope.name': text(1), 'otel.scope.version': text(1) }, { requiredKeys: [] });

const zipkinSpan = fc
  .record(
    {
      traceId,
      id: spanId,
      parentId: spanId,
      kind: fc.constantFrom('CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER', 'internal'),
      name: text(1),
      timestamp: micros(2 ** 52),
      duration: micros(2 ** 40),
      localEndpoint: endpoint,
      remoteEndpoint: endpoint,
      annotations: fc.array(fc.record({ timestamp: micros(2 ** 52), value: annotationValue }), { minLength: 1, maxLength: 3 }),
      tags: fc.tuple(fc.dictionary(tagKey, fc.string({ unit: 'binary' }), { maxKeys: 4 }), statusTags, linkTags, optionalTags).map((parts) => Object.assign({}, ...parts) as Record<string, string>),
      debug: fc.constant(true),
      shared: fc.constant(true),
    },
    { requiredKeys: ['traceId', 'id'] },
  )
  .map((s) => {
    const out: Record<string, unknown> = { ...s };
    if (s.parentId === s.id) delete out.parentId;
    // INTERNAL travels as the `span.kind` tag; Zipkin drops `shared` on CLIENT spans.
    if (s.kind === 'internal') {
      delete out.kind;
      out.tags = { ...s.tags, 'span.kind': 'internal' };
    }
    if (s.kind === 'CLIENT') delete out.shared;
    if (out.tags !== undefined && Object.keys(out.tags as object).length === 0) delete out.tags;
    return out;
  });

/** JSON with object keys sorted, so spans compare regardless of field order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Spans as a sorted list: the decoder groups them by service, so their order may change. */
function asSet(spans: unknown[]): string[] {
  return spans.map(stable).sort();
}

void describe('zipkin round trips', () => {
  void test('v2 JSON -> model -> v2 JSON is the identity on canonical spans, and decoding again gives the same model', () => {
    fc.assert(
      fc.property(fc.array(zipkinSpan, { maxLength: 5 }), (spans) => {
        const first = decodeZipkinV2Json(JSON.stringify(spans));
        assert.equal(first.rejected, 0, first.problems.join('; '));
        const encoded = encodeZipkinV2Json(first.batch);
        assert.deepEqual(asSet(JSON.parse(encoded) as unknown[]), asSet(spans));
        assert.deepEqual(renderBatch(decodeZipkinV2Json(encoded).batch), renderBatch(first.batch));
      }),
      // An event attribute named __proto__ (once lost when rendered as JSON).
      { numRuns: 300, examples: [[[{ traceId: 'a0000a0000a0aa00', id: 'a0aa0000000a0a0a', annotations: [{ timestamp: 1, value: '|{"__proto__":0}|0' }] }]]] },
    );
  });

  void test('v2 JSON -> model -> proto3 -> model -> v2 JSON is the identity on canonical spans', () => {
    fc.assert(
      fc.property(fc.array(zipkinSpan, { maxLength: 5 }), (spans) => {
        const first = decodeZipkinV2Json(JSON.stringify(spans));
        const viaProto = decodeZipkinV2Proto(encodeZipkinV2Proto(first.batch));
        assert.equal(viaProto.rejected, 0, viaProto.problems.join('; '));
        assert.deepEqual(renderBatch(viaProto.batch), renderBatch(first.batch));
        assert.deepEqual(asSet(JSON.parse(encodeZipkinV2Json(viaProto.batch)) as unknown[]), asSet(spans));
      }),
      { numRuns: 300 },
    );
  });
});
