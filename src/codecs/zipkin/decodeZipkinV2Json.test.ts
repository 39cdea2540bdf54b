import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { forEachSpan } from '../../model/batch.js';
import { SpanKind, StatusCode, type Span, type TraceBatch } from '../../model/span.js';
import { decodeZipkinV2Json } from './decodeZipkinV2Json.js';

function spans(batch: TraceBatch): Span[] {
  const out: Span[] = [];
  forEachSpan(batch, (s) => out.push(s));
  return out;
}

function one(span: Record<string, unknown>, options?: { parseStringTags?: boolean }): Span {
  const r = decodeZipkinV2Json(JSON.stringify([{ traceId: '4d1e00c0db9010db86154a4ba6e91385', id: '4d1e00c0db9010db', ...span }]), options);
  assert.deepEqual(r.problems, []);
  const [s] = spans(r.batch);
  assert.ok(s);
  return s;
}

void describe('decodeZipkinV2Json', () => {
  void test('a body that is not JSON, or not a list, is SB_MALFORMED naming the problem', () => {
    assert.throws(() => decodeZipkinV2Json('[{"traceId":'), (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && e.message.startsWith('body is not valid JSON'));
    assert.throws(() => decodeZipkinV2Json('42'), (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && /JSON array/.test(e.message));
  });

  void test('an empty body and an empty list are empty batches', () => {
    for (const body of ['', '[]', Buffer.from(' \n')]) {
      const r = decodeZipkinV2Json(body);
      assert.deepEqual([r.batch.resourceSpans.length, r.rejected], [0, 0]);
    }
  });

  void test('a single span object is a list of one', () => {
    const r = decodeZipkinV2Json('{"traceId":"1","id":"2","name":"one"}');
    assert.deepEqual(spans(r.batch).map((s) => s.name), ['one']);
  });

  void test('bad spans are dropped and counted with where and why; the others are kept', () => {
    const r = decodeZipkinV2Json(JSON.stringify([
      { traceId: '1', id: '1', name: 'ok' },
      { traceId: '1', id: 'xyz' },
      { id: '1' },
      { traceId: '1', id: '0000000000000000' },
      { traceId: '1', id: '2', annotations: [{ value: 'no time' }] },
      { traceId: '1', id: '2', timestamp: 'soon' },
      'not a span',
    ]));
    assert.deepEqual(spans(r.batch).map((s) => s.name), ['ok']);
    assert.equal(r.rejected, 6);
    assert.deepEqual(r.problems, [
      'span[1].id: not hex',
      'span[2].traceId: missing',
      'span[3].id: all zeros',
      'span[4].annotations[0].timestamp: missing',
      'span[5].timestamp: not a number: "soon"',
      'span[6]: not an object (string)',
    ]);
  });

  void test('ids: upper case is lowered, short ids are padded, 64-bit trace ids are padded and marked', () => {
    const s = one({ traceId: 'ABC', id: 'F', parentId: 'E' });
    assert.equal(s.traceId, '00000000000000000000000000000abc');
    assert.equal(s.spanId, '000000000000000f');
    assert.equal(s.parentSpanId, '000000000000000e');
    assert.equal(s.attributes.get('zipkin.trace_id_64bit'), true);
    const wide = one({ traceId: '0000000000000000' + '463ac35c9f6413ad' });
    assert.equal(wide.attributes.get('zipkin.trace_id_64bit'), true, 'a zero high half is a 64-bit id');
    const full = one({ traceId: '1463ac35c9f6413ad' });
    assert.equal(full.traceId, '000000000000000' + '1463ac35c9f6413ad');
    assert.equal(full.attributes.has('zipkin.trace_id_64bit'), false, '17..31 digits pad to 128 bits');
  });

  void test('a parent id equal to the id, or all zeros, is no parent', () => {
    assert.equal(one({ parentId: '4d1e00c0db9010db' }).parentSpanId, '');
    assert.equal(one({ parentId: '0000000000000000' }).parentSpanId, '');
  });

  void test('synthetic, no fixture has it: FSM 32-hex span ids keep their rightmost 16 digits, the same for id and parentId', () => {
    const uuid = '5f2b3c1d9e8a4b7c8d6e5f4a3b2c1d0e';
    const child = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const r = decodeZipkinV2Json(JSON.stringify([
      { traceId: uuid, id: uuid, kind: 'CLIENT', name: 'reviews:9080', localEndpoint: { serviceName: 'bookinfo-productpage', ipv4: '10.0.0.1', port: 0 } },
      { traceId: uuid, id: uuid, kind: 'SERVER', shared: true, localEndpoint: { serviceName: 'bookinfo-reviews' } },
      { traceId: uuid, id: child, parentId: uuid, kind: 'CLIENT', localEndpoint: { serviceName: 'bookinfo-reviews' } },
    ]));
    assert.equal(r.rejected, 0);
    const [client, server, next] = spans(r.batch);
    assert.equal(client?.traceId, uuid);
    assert.equal(client?.spanId, '8d6e5f4a3b2c1d0e');
    assert.equal(client?.attributes.get('zipkin.original_span_id'), uuid);
    assert.equal(server?.spanId, client?.spanId, 'the shared server span keeps the link to its client');
    assert.equal(server?.attributes.get('zipkin.shared'), true);
    assert.equal(next?.parentSpanId, client?.spanId);
    assert.equal(next?.spanId, '293a4b5c6d7e8f90');
    assert.equal(client?.attributes.has('network.local.port'), false, 'port 0 is absent');
  });

  void test('synthetic, no fixture has it: scientific-notation and numeric-string timestamps are read and rounded', () => {
    // Envoy 1.13 printed times through protobuf Struct doubles; Envoy 1.18.0-1.18.2 wrote annotation times as strings.
    const body = `[{"traceId":"3691a8bd8b50c194","id":"3691a8bd8b50c194","kind":"SERVER","timestamp":1.58266276796031e+15,"duration":"2741",
      "annotations":[{"timestamp":"1582662767963051","value":"ss"},{"timestamp":1.5826627679605E15,"value":"log"}]}]`;
    const r = decodeZipkinV2Json(body);
    assert.equal(r.rejected, 0);
    const [s] = spans(r.batch);
    assert.equal(s?.startTimeUnixNano, 1582662767960310n * 1000n);
    assert.equal(s?.endTimeUnixNano, (1582662767960310n + 2741n) * 1000n);
    assert.deepEqual(s?.events.map((e) => [e.name, e.timeUnixNano]), [['log', 1582662767960500n * 1000n]], 'ss is a timing marker, not an event');
  });

  void test('synthetic, no fixture has it: non-string tag values are stringified', () => {
    const s = one({ tags: { n: 25, f: 1.5, b: true, o: { a: 1 }, l: [1, 'x'], gone: null } });
    assert.deepEqual([...s.attributes].filter(([k]) => !k.startsWith('zipkin.')), [['n', '25'], ['f', '1.5'], ['b', 'true'], ['o', '{"a":1}'], ['l', '[1,"x"]']]);
  });

  void test('parse_string_tags types tag values by the collector rules', () => {
    const s = one({ tags: { a: '500', b: '12.3', c: 'true', d: '007', e: '1e5', f: '', g: '99999999999999999999' } }, { parseStringTags: true });
    assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => s.attributes.get(k)), [500n, 12.3, true, 7n, '1e5', '', '99999999999999999999']);
  });

  void test('absent or negative timestamps are kept absent: start 0 and zipkin.timestamp_absent', () => {
    for (const timestamp of [undefined, -5]) {
      const s = one({ timestamp, duration: 10 });
      assert.equal(s.startTimeUnixNano, 0n);
      assert.equal(s.endTimeUnixNano, 10_000n);
      assert.equal(s.attributes.get('zipkin.timestamp_absent'), true);
    }
  });

  void test('kinds are read case-insensitively; unknown ones, and no kind, are UNSPECIFIED; span.kind=internal is INTERNAL', () => {
    assert.equal(one({ kind: 'server' }).kind, SpanKind.SERVER);
    assert.equal(one({ kind: 'BROKER' }).kind, SpanKind.UNSPECIFIED);
    const internal = one({ tags: { 'span.kind': 'internal' } });
    assert.equal(internal.kind, SpanKind.INTERNAL);
    assert.equal(internal.attributes.has('span.kind'), false);
  });

  void test('kind and timing come from core annotations when the span has none; both sides split', () => {
    const r = decodeZipkinV2Json(JSON.stringify([{ traceId: '1', id: '2', annotations: [{ timestamp: 10, value: 'cs' }, { timestamp: 12, value: 'sr' }, { timestamp: 15, value: 'ss' }, { timestamp: 20, value: 'cr' }] }]));
    const [client, server] = spans(r.batch);
    assert.deepEqual([client?.kind, client?.startTimeUnixNano, client?.endTimeUnixNano, client?.events.length], [SpanKind.CLIENT, 10_000n, 20_000n, 0]);
    assert.deepEqual([server?.kind, server?.startTimeUnixNano, server?.endTimeUnixNano, server?.attributes.get('zipkin.shared')], [SpanKind.SERVER, 12_000n, 15_000n, true]);
  });

  void test('shared is dropped on CLIENT spans; debug is kept', () => {
    const s = one({ kind: 'CLIENT', shared: true, debug: true });
    assert.equal(s.attributes.has('zipkin.shared'), false);
    assert.equal(s.attributes.get('zipkin.debug'), true);
  });

  void test('endpoints: the IPv6 address wins, the IPv4 one is kept aside; remote service is peer.service', () => {
    const s = one({ localEndpoint: { serviceName: 'Front', ipv4: '10.0.0.1', ipv6: '2001:db8::1', port: 8080 }, remoteEndpoint: { serviceName: 'Back', ipv4: '10.0.0.2', port: 9000 } });
    assert.deepEqual(Object.fromEntries([...s.attributes].filter(([k]) => !k.startsWith('zipkin.t'))), {
      'network.local.address': '2001:db8::1',
      'network.local.port': 8080n,
      'zipkin.local_endpoint.ipv4': '10.0.0.1',
      'peer.service': 'Back',
      'network.peer.address': '10.0.0.2',
      'network.peer.port': 9000n,
    });
  });

  void test('status: error tags, otel.status_code in every spelling, and error=false', () => {
    const cases: Array<[Record<string, string>, StatusCode, string, string[]]> = [
      [{ error: 'true' }, StatusCode.ERROR, '', []],
      [{ error: 'boom' }, StatusCode.ERROR, 'boom', []],
      [{ error: 'false' }, StatusCode.UNSET, '', ['error']],
      [{ error: '' }, StatusCode.UNSET, '', ['error']],
      [{ 'otel.status_code': 'ERROR', 'otel.status_description': 'bad' }, StatusCode.ERROR, 'bad', []],
      [{ 'otel.status_code': 'STATUS_CODE_OK' }, StatusCode.OK, '', []],
      [{ 'otel.status_code': 'Ok' }, StatusCode.OK, '', []],
      [{ 'otel.status_code': 'ERROR', error: 'from the OTel JS exporter' }, StatusCode.ERROR, 'from the OTel JS exporter', []],
      [{ 'otel.status_code': 'maybe' }, StatusCode.UNSET, '', ['otel.status_code']],
    ];
    for (const [tags, code, message, left] of cases) {
      const s = one({ tags });
      assert.deepEqual([s.status, [...s.attributes.keys()].filter((k) => !k.startsWith('zipkin.'))], [{ code, message }, left], JSON.stringify(tags));
    }
  });

  void test('w3c.tracestate, otlp.link.N, otel.scope.* / otel.library.* and structured annotations become model fields', () => {
    const r = decodeZipkinV2Json(JSON.stringify([{
      traceId: '1', id: '2', localEndpoint: { serviceName: 'svc' },
      annotations: [{ timestamp: 5, value: 'retry|{"attempt":2,"why":"timeout"}|1' }],
      tags: {
        'w3c.tracestate': 'vendor=1',
        'otel.library.name': 'io.lib', 'otel.library.version': '1.2',
        'otlp.link.0': '0af7651916cd43dd8448eb211c80319c|b7ad6b7169203331|k=v|{"peer":"x"}|0',
        'otlp.link.2': 'ignored: index 1 is missing',
      },
    }]));
    const [s] = spans(r.batch);
    assert.equal(s?.traceState, 'vendor=1');
    assert.deepEqual(r.batch.resourceSpans[0]?.scopeSpans[0]?.scope.name, 'io.lib');
    assert.deepEqual(r.batch.resourceSpans[0]?.scopeSpans[0]?.scope.version, '1.2');
    assert.deepEqual(s?.links.map((l) => [l.traceId, l.spanId, l.traceState, Object.fromEntries(l.attributes)]), [['0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 'k=v', { peer: 'x' }]]);
    assert.deepEqual(s?.events.map((e) => [e.name, Object.fromEntries(e.attributes), e.droppedAttributesCount]), [['retry', { attempt: 2n, why: 'timeout' }, 1]]);
    assert.deepEqual([...(s?.attributes.keys() ?? [])].filter((k) => !k.startsWith('zipkin.')), ['otlp.link.2']);
  });

  void test('spans group into one resource per local service and one scope per library', () => {
    const r = decodeZipkinV2Json(JSON.stringify([
      { traceId: '1', id: '1', localEndpoint: { serviceName: 'A' } },
      { traceId: '1', id: '2', localEndpoint: { serviceName: 'B' } },
      { traceId: '1', id: '3', localEndpoint: { serviceName: 'A' }, tags: { 'otel.scope.name': 'lib' } },
      { traceId: '1', id: '4' },
    ]));
    assert.deepEqual(r.batch.resourceSpans.map((rs) => [Object.fromEntries(rs.resource.attributes), rs.scopeSpans.map((ss) => [ss.scope.name, ss.spans.map((s) => s.spanId.slice(-1))])]), [
      [{ 'service.name': 'A' }, [['', ['1']], ['lib', ['3']]]],
      [{ 'service.name': 'B' }, [['', ['2']]]],
      [{}, [['', ['4']]]],
    ]);
  });
});
