import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind, StatusCode, type AnyValue, type Span, type TraceBatch } from '../../model/span.js';
import { encodeZipkinV2Json } from './encodeZipkinV2Json.js';

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
  void test('names and service names keep their case; times round to microseconds (spec 2.6)', () => {
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
