import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { forEachSpan } from '../../model/batch.js';
import { SpanKind, type Span, type TraceBatch } from '../../model/span.js';
import { decodeZipkinV1Json } from './decodeZipkinV1Json.js';

function spans(batch: TraceBatch): Array<{ service: unknown; span: Span }> {
  const out: Array<{ service: unknown; span: Span }> = [];
  forEachSpan(batch, (span, rs) => out.push({ service: rs.resource.attributes.get('service.name'), span }));
  return out;
}

const front = { serviceName: 'frontend', ipv4: '10.0.0.1' };
const back = { serviceName: 'backend', ipv4: '10.0.0.2', port: 8080 };

void describe('decodeZipkinV1Json', () => {
  void test('only a JSON array is a v1 body', () => {
    assert.throws(() => decodeZipkinV1Json('{"traceId":"1"}'), (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && /JSON array of Zipkin v1 spans/.test(e.message));
  });

  void test('a span holding both sides of an RPC becomes a CLIENT span and a shared SERVER span (rule 4)', () => {
    const r = decodeZipkinV1Json(JSON.stringify([{
      traceId: 'a', id: 'b', name: 'get', timestamp: 100, duration: 50,
      annotations: [
        { timestamp: 100, value: 'cs', endpoint: front },
        { timestamp: 110, value: 'sr', endpoint: back },
        { timestamp: 120, value: 'cache miss', endpoint: back },
        { timestamp: 140, value: 'ss', endpoint: back },
        { timestamp: 150, value: 'cr', endpoint: front },
      ],
      binaryAnnotations: [
        { key: 'http.path', value: '/api', endpoint: back },
        { key: 'sa', value: true, endpoint: back },
        { key: 'ca', value: true, endpoint: front },
      ],
    }]));
    const [client, server] = spans(r.batch);
    assert.equal(client?.service, 'frontend');
    assert.deepEqual([client?.span.kind, client?.span.startTimeUnixNano, client?.span.endTimeUnixNano], [SpanKind.CLIENT, 100_000n, 150_000n]);
    assert.equal(client?.span.attributes.get('peer.service'), 'backend', '`sa` is the client span\'s remote endpoint');
    assert.equal(client?.span.attributes.get('network.peer.port'), 8080n);
    assert.equal(server?.service, 'backend');
    assert.deepEqual([server?.span.kind, server?.span.startTimeUnixNano, server?.span.endTimeUnixNano], [SpanKind.SERVER, 110_000n, 140_000n]);
    assert.equal(server?.span.attributes.get('zipkin.shared'), true);
    assert.equal(server?.span.attributes.get('http.path'), '/api');
    assert.equal(server?.span.attributes.get('peer.service'), 'frontend');
    assert.deepEqual(server?.span.events.map((e) => e.name), ['cache miss']);
    assert.equal(server?.span.spanId, client?.span.spanId);
  });

  void test('loopback (same service on both sides) still gives two spans', () => {
    const r = decodeZipkinV1Json(JSON.stringify([{ traceId: 'a', id: 'b', annotations: [
      { timestamp: 1, value: 'cs', endpoint: front }, { timestamp: 2, value: 'sr', endpoint: front },
      { timestamp: 3, value: 'ss', endpoint: front }, { timestamp: 4, value: 'cr', endpoint: front },
    ] }]));
    assert.deepEqual(spans(r.batch).map((s) => s.span.kind), [SpanKind.CLIENT, SpanKind.SERVER]);
  });

  void test('a server-only v1 span without its own timestamp is the shared half of a client span (rule 7)', () => {
    const r = decodeZipkinV1Json(JSON.stringify([{ traceId: 'a', id: 'b', annotations: [{ timestamp: 5, value: 'sr', endpoint: back }, { timestamp: 9, value: 'ss', endpoint: back }] }]));
    const [s] = spans(r.batch);
    assert.deepEqual([s?.span.kind, s?.span.startTimeUnixNano, s?.span.endTimeUnixNano, s?.span.attributes.get('zipkin.shared')], [SpanKind.SERVER, 5000n, 9000n, true]);
  });

  void test('messaging: ms/mr are PRODUCER/CONSUMER and `ma` is the broker', () => {
    const broker = { serviceName: 'kafka' };
    const r = decodeZipkinV1Json(JSON.stringify([{ traceId: 'a', id: 'b', name: 'send', annotations: [{ timestamp: 5, value: 'ms', endpoint: front }], binaryAnnotations: [{ key: 'ma', value: true, endpoint: broker }] }]));
    const [s] = spans(r.batch);
    assert.deepEqual([s?.span.kind, s?.span.startTimeUnixNano, s?.span.attributes.get('peer.service')], [SpanKind.PRODUCER, 5000n, 'kafka']);
  });

  void test('local spans keep the span timing; `lc` is a tag, empty `lc` is dropped; boolean values are stringified', () => {
    const r = decodeZipkinV1Json(JSON.stringify([{ traceId: 'a', id: 'b', name: 'work', timestamp: 7, duration: 3, binaryAnnotations: [{ key: 'lc', value: 'cache', endpoint: front }, { key: 'hit', value: false, endpoint: front }] }, { traceId: 'a', id: 'c', binaryAnnotations: [{ key: 'lc', value: '' }] }]));
    const [local, marker] = spans(r.batch);
    assert.deepEqual([local?.service, local?.span.kind, local?.span.startTimeUnixNano, local?.span.endTimeUnixNano, local?.span.attributes.get('lc'), local?.span.attributes.get('hit')], ['frontend', SpanKind.UNSPECIFIED, 7000n, 10_000n, 'cache', 'false']);
    assert.equal(marker?.span.attributes.has('lc'), false);
  });

  void test('bad spans are dropped with a reason; the rest are kept', () => {
    const r = decodeZipkinV1Json(JSON.stringify([{ traceId: 'a', id: 'b' }, { traceId: 'a', id: 'c', parentId: 'BADID' }, { traceId: 'a', id: 'd', binaryAnnotations: [{ value: 'x' }] }]));
    assert.equal(spans(r.batch).length, 1);
    assert.deepEqual(r.problems, ['span[1].parentId: not hex', 'span[2].binaryAnnotations[0].key: missing']);
  });
});
