import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind } from '../../model/span.js';
import { makeSpan, normalizeOne } from '../../../test/processors/istio/testSpans.js';

// The Envoy tag set of the otel-collector-issue-572 excerpt and Zipkin Lens's envoy.json (test/fixtures/zipkin).
const ENVOY_TAGS = {
  component: 'proxy',
  'guid:x-request-id': 'e7761137-f1a0-9cae-a4b4-b7c1855d7c52',
  'guid:x-client-trace-id': 'client-1',
  'http.method': 'GET',
  'http.protocol': 'HTTP/2',
  'http.status_code': '200',
  'http.url': 'https://echo.example.com:8443/echo/a?x=1',
  'peer.address': '172.18.0.4:8080',
  user_agent: 'curl/8.7.1',
  downstream_cluster: '-',
  request_size: '12',
  response_size: '11',
  response_flags: '-',
  upstream_cluster: 'outbound|9080|v2|reviews.default.svc.cluster.local',
  'upstream_cluster.name': 'outbound|9080|v2|reviews.default.svc.cluster.local',
  'grpc.path': '/reviews.Reviews/Get',
  'grpc.status_code': '0',
};

void describe('rule semantic_conventions', () => {
  void test('maps every Envoy tag to the current name and type, dropping the originals and placeholders', () => {
    const { span } = normalizeOne(makeSpan({ kind: SpanKind.SERVER, tags: ENVOY_TAGS }), 'echo', { peer_service: false });
    assert.deepEqual(Object.fromEntries(span.attributes), {
      component: 'proxy',
      'http.request.method': 'GET',
      'http.response.status_code': 200n,
      'url.full': 'https://echo.example.com:8443/echo/a?x=1',
      'url.scheme': 'https',
      'url.path': '/echo/a',
      'url.query': 'x=1',
      'server.address': 'echo.example.com',
      'server.port': 8443n,
      'network.protocol.version': '2',
      'network.peer.address': '172.18.0.4',
      'network.peer.port': 8080n,
      'user_agent.original': 'curl/8.7.1',
      'http.request.body.size': 12n,
      'http.response.body.size': 11n,
      'http.request.header.x-request-id': ['e7761137-f1a0-9cae-a4b4-b7c1855d7c52'],
      'http.request.header.x-client-trace-id': ['client-1'],
      'istio.direction': 'outbound',
      'istio.destination.port': 9080n,
      'istio.destination.subset': 'v2',
      'istio.destination.host': 'reviews.default.svc.cluster.local',
      'rpc.system': 'grpc',
      'rpc.service': 'reviews.Reviews',
      'rpc.method': 'Get',
      'rpc.grpc.status_code': 0n,
      'spanbridge.span.origin': 'proxy',
      'telemetry.source': 'envoy',
    });
  });

  void test('values that cannot be mapped stay under their Envoy names; real response flags and downstream clusters are kept', () => {
    const tags = { component: 'proxy', 'http.status_code': 'abc', request_size: 'n/a', 'http.protocol': 'h2c', 'peer.address': 'x:y:z', response_flags: 'UF,URX', downstream_cluster: 'frontend', upstream_cluster: 'service_google', 'http.method': 'PROPFIND' };
    const { span } = normalizeOne(makeSpan({ kind: SpanKind.SERVER, tags }), 'x');
    for (const k of ['http.status_code', 'request_size', 'http.protocol', 'response_flags', 'downstream_cluster', 'upstream_cluster']) assert.equal(span.attributes.get(k), tags[k as keyof typeof tags], k);
    assert.equal(span.attributes.get('peer.address'), 'x:y:z');
    assert.equal(span.attributes.get('http.request.method'), '_OTHER');
    assert.equal(span.attributes.get('http.request.method_original'), 'PROPFIND');
    assert.equal(span.attributes.has('istio.direction'), false);
  });

  void test('status 0 (no response) is dropped; typed tag values (parse_string_tags) are read too', () => {
    const none = normalizeOne(makeSpan({ tags: { component: 'proxy', node_id: 'n', 'http.status_code': '0' } }), 'x').span;
    assert.equal(none.attributes.has('http.status_code'), false);
    assert.equal(none.attributes.has('http.response.status_code'), false);
    const typed = normalizeOne(makeSpan({ tags: { component: 'proxy', node_id: 'n' }, attributes: [['http.status_code', 404n], ['response_size', 28n], ['request_size', 0]] }), 'x').span;
    assert.equal(typed.attributes.get('http.response.status_code'), 404n);
    assert.equal(typed.attributes.get('http.response.body.size'), 28n);
    assert.equal(typed.attributes.get('http.request.body.size'), 0n);
  });

  void test('an existing network.peer.address (a Zipkin remoteEndpoint) wins over peer.address; FSM undefined:// gives no scheme', () => {
    const tags = { component: 'proxy', node_id: '6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b90', 'peer.address': '10.0.0.2', 'http.url': 'undefined://bookstore:14001/books' };
    const { span } = normalizeOne(makeSpan({ tags, attributes: [['network.peer.address', '10.9.9.9']] }), 'x');
    assert.equal(span.attributes.get('network.peer.address'), '10.9.9.9');
    assert.equal(span.attributes.has('peer.address'), false);
    assert.equal(span.attributes.has('url.scheme'), false);
    assert.equal(span.attributes.get('url.path'), '/books');
  });

  void test('keep_original_attributes keeps every Envoy tag beside the new names', () => {
    const { span } = normalizeOne(makeSpan({ kind: SpanKind.SERVER, tags: ENVOY_TAGS }), 'echo', { keep_original_attributes: true });
    for (const [k, v] of Object.entries(ENVOY_TAGS)) assert.equal(span.attributes.get(k), v, k);
    assert.equal(span.attributes.get('http.request.method'), 'GET');
    assert.equal(span.attributes.get('http.response.status_code'), 200n);
    assert.equal(span.attributes.get('istio.direction'), 'outbound');
  });

  void test('off: the Envoy tags stay exactly as they came', () => {
    const { span } = normalizeOne(makeSpan({ kind: SpanKind.SERVER, tags: ENVOY_TAGS }), 'echo', { semantic_conventions: false, mark_proxy_spans: false });
    assert.deepEqual(Object.fromEntries(span.attributes), ENVOY_TAGS);
  });
});
