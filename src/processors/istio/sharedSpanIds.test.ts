import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED } from '../../model/attributeNames.js';
import { SpanKind } from '../../model/span.js';
import { createMeshNormalizer } from './meshNormalizer.js';
import { sharedServerSpanId } from './sharedSpanIds.js';
import { istioConfig, makeBatch, makeSpan, spanNamed } from '../../../test/processors/istio/testSpans.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_ID = '00f067aa0ba902b7';

void describe('rule shared_span_ids', () => {
  void test('a shared SERVER span gets a deterministic id under its client; children of its service follow, even in later batches', () => {
    const n = createMeshNormalizer(istioConfig());
    const client = makeSpan({ name: 'client', kind: SpanKind.CLIENT, spanId: CLIENT_ID, parentSpanId: '1111111111111111' });
    const server = makeSpan({ name: 'server', kind: SpanKind.SERVER, spanId: CLIENT_ID, parentSpanId: '1111111111111111', shared: true });
    const clientChild = makeSpan({ name: 'client-child', spanId: '2222222222222222', parentSpanId: CLIENT_ID });
    const batch = makeBatch({ service: 'frontend', spans: [client, clientChild] }, { service: 'backend', spans: [server] });
    n.normalize(batch);
    const expected = sharedServerSpanId(TRACE, CLIENT_ID, 'backend');
    assert.match(expected, /^[0-9a-f]{16}$/);
    assert.notEqual(expected, CLIENT_ID);
    assert.equal(server.spanId, expected);
    assert.equal(server.parentSpanId, CLIENT_ID);
    assert.equal(server.attributes.get(ZIPKIN_SHARED), true);
    assert.equal(server.attributes.get(ZIPKIN_ORIGINAL_SPAN_ID), CLIENT_ID);
    assert.equal(client.spanId, CLIENT_ID);
    assert.equal(clientChild.parentSpanId, CLIENT_ID, "the client's own child stays under the client");

    const late = makeBatch(
      { service: 'backend', spans: [makeSpan({ name: 'backend-child', spanId: '3333333333333333', parentSpanId: CLIENT_ID })] },
      { service: 'frontend', spans: [makeSpan({ name: 'frontend-child', spanId: '4444444444444444', parentSpanId: CLIENT_ID })] },
      { service: 'backend', spans: [makeSpan({ name: 'other-trace', traceId: 'aaaaaaaaaaaaaaaa1111111111111111', spanId: '5555555555555555', parentSpanId: CLIENT_ID })] },
    );
    n.normalize(late);
    assert.equal(spanNamed(late, 'backend-child').span.parentSpanId, expected);
    assert.equal(spanNamed(late, 'frontend-child').span.parentSpanId, CLIENT_ID);
    assert.equal(spanNamed(late, 'other-trace').span.parentSpanId, CLIENT_ID, 'a span of another trace under the same id stays');
  });

  void test('a CLIENT span seen in an earlier batch counts for its own trace only', () => {
    const n = createMeshNormalizer(istioConfig());
    const other = 'aaaaaaaaaaaaaaaa1111111111111111';
    n.normalize(makeBatch({ service: 'frontend', spans: [makeSpan({ name: 'client', kind: SpanKind.CLIENT, spanId: CLIENT_ID, parentSpanId: '1111111111111111' })] }));
    const elsewhere = makeSpan({ name: 'elsewhere', kind: SpanKind.SERVER, traceId: other, spanId: CLIENT_ID, parentSpanId: '3333333333333333', shared: true });
    const joined = makeSpan({ name: 'joined', kind: SpanKind.SERVER, spanId: CLIENT_ID, parentSpanId: '1111111111111111', shared: true });
    n.normalize(makeBatch({ service: 'backend', spans: [elsewhere, joined] }));
    assert.equal(elsewhere.spanId, CLIENT_ID, 'a span of another trace with the same id is left as it came');
    assert.equal(joined.spanId, sharedServerSpanId(TRACE, CLIENT_ID, 'backend'));
  });

  void test('the same shared span seen by another instance gets the same id', () => {
    const a = makeSpan({ kind: SpanKind.SERVER, parentSpanId: '1111111111111111', shared: true });
    const b = makeSpan({ kind: SpanKind.SERVER, parentSpanId: '1111111111111111', shared: true });
    const client = () => makeSpan({ kind: SpanKind.CLIENT, parentSpanId: '1111111111111111' });
    createMeshNormalizer(istioConfig()).normalize(makeBatch({ service: 'backend', spans: [a] }, { service: 'frontend', spans: [client()] }));
    createMeshNormalizer(istioConfig()).normalize(makeBatch({ service: 'backend', spans: [b] }, { service: 'frontend', spans: [client()] }));
    assert.notEqual(a.spanId, CLIENT_ID);
    assert.equal(a.spanId, b.spanId);
  });

  void test('a root shared SERVER span (Envoy sets the flag on roots, openzipkin/zipkin#2891) and a shared CLIENT span only lose the flag', () => {
    const root = makeSpan({ kind: SpanKind.SERVER, spanId: CLIENT_ID, shared: true });
    const client = makeSpan({ kind: SpanKind.CLIENT, spanId: '5555555555555555', parentSpanId: CLIENT_ID, shared: true });
    createMeshNormalizer(istioConfig()).normalize(makeBatch({ service: 'envoy', spans: [root, client] }));
    assert.equal(root.spanId, CLIENT_ID);
    assert.equal(root.parentSpanId, '');
    assert.equal(root.attributes.has(ZIPKIN_SHARED), false);
    assert.equal(client.spanId, '5555555555555555');
    assert.equal(client.attributes.has(ZIPKIN_SHARED), false);
  });

  void test('an FSM span whose 32-hex id the codec cut keeps the codec\'s original id record', () => {
    const original = 'c0ffee00c0ffee00' + CLIENT_ID;
    const server = makeSpan({ kind: SpanKind.SERVER, spanId: CLIENT_ID, parentSpanId: '1111111111111111', shared: true, attributes: [[ZIPKIN_ORIGINAL_SPAN_ID, original]] });
    const client = makeSpan({ kind: SpanKind.CLIENT, spanId: CLIENT_ID, parentSpanId: '1111111111111111', attributes: [[ZIPKIN_ORIGINAL_SPAN_ID, original]] });
    const n = createMeshNormalizer(istioConfig());
    n.normalize(makeBatch({ service: 'bookstore', spans: [server] }, { service: 'bookbuyer', spans: [client] }));
    assert.equal(server.parentSpanId, CLIENT_ID);
    assert.equal(server.attributes.get(ZIPKIN_ORIGINAL_SPAN_ID), original);
    const id = server.spanId;
    n.normalize(makeBatch({ service: 'bookstore', spans: [server] }));
    assert.equal(server.spanId, id, 'a second pass leaves it alone');
  });

  void test('py_zipkin style (no CLIENT span has its id): the shared SERVER span keeps its id and parent, before or with its caller', () => {
    // py_zipkin: the caller's CLIENT span c1 puts a new id (s1) in X-B3-SpanId; the server reports s1 under c1, marked
    // shared, usually before the caller reports c1.
    const n = createMeshNormalizer(istioConfig());
    const server = makeSpan({ name: 'server', kind: SpanKind.SERVER, spanId: '5151515151515151', parentSpanId: 'c1c1c1c1c1c1c1c1', shared: true });
    n.normalize(makeBatch({ service: 'inventory', spans: [server] }));
    const client = makeSpan({ name: 'client', kind: SpanKind.CLIENT, spanId: 'c1c1c1c1c1c1c1c1', parentSpanId: 'a1a1a1a1a1a1a1a1' });
    n.normalize(makeBatch({ service: 'front', spans: [client] }));
    assert.deepEqual([server.spanId, server.parentSpanId], ['5151515151515151', 'c1c1c1c1c1c1c1c1']);
    assert.equal(server.attributes.get(ZIPKIN_SHARED), true);
    assert.equal(server.attributes.has(ZIPKIN_ORIGINAL_SPAN_ID), false);

    const again = makeSpan({ kind: SpanKind.SERVER, spanId: '5252525252525252', parentSpanId: 'c2c2c2c2c2c2c2c2', shared: true });
    const caller = makeSpan({ kind: SpanKind.CLIENT, spanId: 'c2c2c2c2c2c2c2c2', parentSpanId: 'a1a1a1a1a1a1a1a1' });
    n.normalize(makeBatch({ service: 'inventory', spans: [again] }, { service: 'front', spans: [caller] }));
    assert.deepEqual([again.spanId, again.parentSpanId], ['5252525252525252', 'c2c2c2c2c2c2c2c2']);
  });

  void test('Brave style: split when its CLIENT span came in an earlier batch, or later in the same batch', () => {
    const n = createMeshNormalizer(istioConfig());
    n.normalize(makeBatch({ service: 'frontend', spans: [makeSpan({ kind: SpanKind.CLIENT, spanId: CLIENT_ID, parentSpanId: '1111111111111111' })] }));
    const server = makeSpan({ kind: SpanKind.SERVER, spanId: CLIENT_ID, parentSpanId: '1111111111111111', shared: true });
    n.normalize(makeBatch({ service: 'backend', spans: [server] }));
    assert.deepEqual([server.spanId, server.parentSpanId], [sharedServerSpanId(TRACE, CLIENT_ID, 'backend'), CLIENT_ID]);

    const laterInBatch = makeSpan({ kind: SpanKind.SERVER, spanId: '7777777777777777', parentSpanId: '1111111111111111', shared: true });
    const itsClient = makeSpan({ kind: SpanKind.CLIENT, spanId: '7777777777777777', parentSpanId: '1111111111111111' });
    createMeshNormalizer(istioConfig()).normalize(makeBatch({ service: 'backend', spans: [laterInBatch] }, { service: 'frontend', spans: [itsClient] }));
    assert.deepEqual([laterInBatch.spanId, laterInBatch.parentSpanId], [sharedServerSpanId(TRACE, '7777777777777777', 'backend'), '7777777777777777']);
  });

  void test('Brave style with its CLIENT span not seen yet: left for the query adjuster; a sidecar span is split without its client', () => {
    const app = makeSpan({ kind: SpanKind.SERVER, spanId: CLIENT_ID, parentSpanId: '1111111111111111', shared: true });
    const envoy = makeSpan({ kind: SpanKind.SERVER, spanId: '8888888888888888', parentSpanId: '1111111111111111', shared: true, tags: { component: 'proxy', 'guid:x-request-id': 'r1' } });
    createMeshNormalizer(istioConfig()).normalize(makeBatch({ service: 'backend', spans: [app, envoy] }));
    assert.deepEqual([app.spanId, app.parentSpanId], [CLIENT_ID, '1111111111111111']);
    assert.deepEqual([envoy.spanId, envoy.parentSpanId], [sharedServerSpanId(TRACE, '8888888888888888', 'backend'), '8888888888888888']);
  });

  void test('a 64-bit client and server meet after the trace-id upgrade', () => {
    const wide = makeSpan({ traceId: 'abcdefabcdefabcd' + '1234567812345678', kind: SpanKind.SERVER, spanId: '9999999999999990', parentSpanId: '1111111111111111' });
    const client = makeSpan({ traceId: '1234567812345678', kind: SpanKind.CLIENT, spanId: CLIENT_ID, parentSpanId: '9999999999999990' });
    const server = makeSpan({ traceId: '1234567812345678', kind: SpanKind.SERVER, spanId: CLIENT_ID, parentSpanId: '9999999999999990', shared: true });
    createMeshNormalizer(istioConfig()).normalize(makeBatch({ service: 'frontend', spans: [wide, client] }, { service: 'backend', spans: [server] }));
    assert.equal(server.traceId, 'abcdefabcdefabcd1234567812345678');
    assert.equal(server.parentSpanId, CLIENT_ID);
  });

  void test('off: ids, parents and flags stay as they came', () => {
    const server = makeSpan({ kind: SpanKind.SERVER, spanId: CLIENT_ID, parentSpanId: '1111111111111111', shared: true });
    const root = makeSpan({ kind: SpanKind.SERVER, spanId: '6666666666666666', shared: true });
    createMeshNormalizer(istioConfig({ shared_span_ids: false })).normalize(makeBatch({ service: 'backend', spans: [server, root] }));
    assert.equal(server.spanId, CLIENT_ID);
    assert.equal(server.parentSpanId, '1111111111111111');
    assert.equal(server.attributes.has(ZIPKIN_ORIGINAL_SPAN_ID), false);
    assert.equal(root.attributes.get(ZIPKIN_SHARED), true);
  });
});
