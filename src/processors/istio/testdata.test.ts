// The rules on the synthetic cases of testdata/ (see testdata/README.md).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeOtlpJson } from '../../codecs/otlp/decodeOtlpJson.js';
import { decodeZipkinV2Json } from '../../codecs/zipkin/decodeZipkinV2Json.js';
import { SPAN_ORIGIN, TELEMETRY_SOURCE, ZIPKIN_KIND_REPAIRED, ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED, ZIPKIN_TRACE_ID_64BIT } from '../../model/attributeNames.js';
import { cloneBatch } from '../../model/batch.js';
import { SpanKind, StatusCode, type TraceBatch } from '../../model/span.js';
import { srcPath } from '../../../test/support/paths.js';
import { createMeshNormalizer } from './meshNormalizer.js';
import { sharedServerSpanId } from './sharedSpanIds.js';
import { allSpans, istioConfig, spanNamed, type FoundSpan } from '../../../test/processors/istio/testSpans.js';

const testdata = (name: string): Buffer => readFileSync(srcPath('processors', 'istio', 'testdata', name));

function decode(name: string): TraceBatch {
  const r = decodeZipkinV2Json(testdata(name));
  assert.deepEqual([r.rejected, r.problems], [0, []]);
  return r.batch;
}

function byId(batch: TraceBatch, spanId: string): FoundSpan {
  const found = allSpans(batch).find((f) => f.span.spanId === spanId);
  assert.ok(found, `span ${spanId}`);
  return found;
}

void describe('istio processor on testdata/', () => {
  void test('Istio <= 1.7 all-CLIENT pair, old inbound form: inbound becomes SERVER; services from node_id; outbound names its peer', () => {
    const batch = decode('istio17-client-pair-old-form.json');
    createMeshNormalizer(istioConfig()).normalize(batch);
    const out = byId(batch, '1b2c3d4e5f607182');
    const inb = byId(batch, '2c3d4e5f60718293');
    assert.equal(out.span.kind, SpanKind.CLIENT);
    assert.equal(out.span.attributes.has(ZIPKIN_KIND_REPAIRED), false);
    assert.equal(inb.span.kind, SpanKind.SERVER);
    assert.equal(inb.span.attributes.get(ZIPKIN_KIND_REPAIRED), 'upstream_cluster_inbound');
    // No istio.canonical_service in this era: the node_id workload comes before the cluster host.
    assert.equal(out.resource.get('service.name'), 'productpage-v1');
    assert.equal(inb.resource.get('service.name'), 'reviews-v2');
    assert.equal(inb.resource.get('k8s.namespace.name'), 'default');
    assert.equal(out.span.attributes.get('peer.service'), 'reviews');
    assert.equal(out.span.attributes.get('server.address'), 'reviews.default.svc.cluster.local');
    assert.equal(inb.span.attributes.get('istio.destination.port_name'), 'http');
    assert.equal(inb.span.attributes.get('istio.destination.host'), 'reviews.default.svc.cluster.local');
    assert.equal(inb.span.attributes.get('network.peer.address'), '10.244.0.20');
    assert.equal(inb.span.parentSpanId, out.span.spanId);
    for (const f of [out, inb]) {
      assert.equal(f.span.attributes.get('http.request.method'), 'GET');
      assert.equal(f.span.attributes.get('http.response.status_code'), 200n);
      assert.equal(f.span.attributes.get(SPAN_ORIGIN), 'proxy');
    }
  });

  void test('Istio <= 1.7 pair, new inbound form with Istio tags: canonical services meet, versions from revisions', () => {
    const batch = decode('istio17-client-pair-new-form.json');
    createMeshNormalizer(istioConfig()).normalize(batch);
    const out = byId(batch, '1b2c3d4e5f607182');
    const inb = byId(batch, '2c3d4e5f60718293');
    assert.equal(inb.span.kind, SpanKind.SERVER);
    assert.equal(out.span.kind, SpanKind.CLIENT);
    assert.equal(out.resource.get('service.name'), 'productpage');
    assert.equal(out.resource.get('service.version'), 'v1');
    assert.equal(inb.resource.get('service.name'), 'reviews');
    assert.equal(inb.resource.get('service.version'), 'v2');
    assert.equal(out.span.attributes.get('peer.service'), inb.resource.get('service.name'));
    assert.equal(inb.span.attributes.get('istio.destination.port'), 9080n);
    assert.equal(inb.span.attributes.has('istio.destination.host'), false);
    assert.equal(inb.span.attributes.get('network.peer.port'), 52314n);
    assert.deepEqual(batch.resourceSpans.map((rs) => rs.resource.attributes.get('service.name')), ['productpage', 'reviews']);
  });

  void test('outbound calls to subsets; the failed one is an error', () => {
    const batch = decode('outbound-subset.json');
    createMeshNormalizer(istioConfig()).normalize(batch);
    const reviews = byId(batch, '3d4e5f6071829304').span;
    assert.equal(reviews.attributes.get('istio.destination.subset'), 'v2');
    assert.equal(reviews.attributes.get('peer.service'), 'reviews');
    assert.equal(reviews.attributes.get('server.port'), 9080n);
    assert.equal(reviews.attributes.has('upstream_cluster.name'), false);
    assert.equal(reviews.status.code, StatusCode.UNSET);
    const ratings = byId(batch, '4e5f607182930415').span;
    assert.equal(ratings.attributes.get('istio.destination.subset'), 'v1');
    assert.equal(ratings.attributes.get('peer.service'), 'ratings');
    assert.equal(ratings.status.code, StatusCode.ERROR);
    assert.equal(ratings.attributes.get('response_flags'), 'UF');
    assert.equal(ratings.attributes.has('error'), false);
  });

  void test('64-bit application spans join the 128-bit sidecar trace; a trace no sidecar reported stays 64-bit', () => {
    const batch = decode('trace-id-64bit-join.json');
    createMeshNormalizer(istioConfig()).normalize(batch);
    const app = byId(batch, '9a8b7c6d5e4f3a2b').span;
    const sidecar = byId(batch, '2c3d4e5f60718293').span;
    assert.equal(app.traceId, '7c9a2f1e3b5d4c6a8e0f1a2b3c4d5e6f');
    assert.equal(app.traceId, sidecar.traceId);
    assert.equal(app.parentSpanId, sidecar.spanId);
    assert.equal(app.attributes.has(ZIPKIN_TRACE_ID_64BIT), false);
    assert.equal(app.attributes.has(SPAN_ORIGIN), false);
    const health = byId(batch, '1f2e3d4c5b6a7980').span;
    assert.equal(health.traceId, '00000000000000001f2e3d4c5b6a7980');
    assert.equal(health.attributes.get(ZIPKIN_TRACE_ID_64BIT), true);
    // The app span and the sidecar span of reviews end up in one service.
    assert.equal(byId(batch, '9a8b7c6d5e4f3a2b').resource.get('service.name'), 'reviews');
  });

  void test('shared server span: own id under the client; its children arriving later follow it, the client side stays', () => {
    const n = createMeshNormalizer(istioConfig());
    const first = decode('shared-server-span.json');
    n.normalize(first);
    const server = spanNamed(first, 'get /api').span;
    const client = spanNamed(first, 'get').span;
    const newId = sharedServerSpanId('0000000000000000a0b1c2d3e4f50617', 'c2d3e4f506172839', 'backend');
    assert.equal(client.spanId, 'c2d3e4f506172839');
    assert.equal(server.spanId, newId);
    assert.equal(server.parentSpanId, client.spanId);
    assert.equal(server.attributes.get(ZIPKIN_SHARED), true);
    assert.equal(server.attributes.get(ZIPKIN_ORIGINAL_SPAN_ID), 'c2d3e4f506172839');
    assert.equal(server.attributes.has(SPAN_ORIGIN), false);

    const later = decode('shared-server-span-children.json');
    n.normalize(later);
    assert.equal(spanNamed(later, 'query').span.parentSpanId, newId);
    assert.equal(spanNamed(later, 'retry-timer').span.parentSpanId, 'c2d3e4f506172839');
  });

  void test('FSM sidecar spans: 32-hex ids linked, service from the inbound cluster, peer from the outbound one', () => {
    const batch = decode('fsm-sidecar-spans.json');
    createMeshNormalizer(istioConfig()).normalize(batch);
    const [client, server] = allSpans(batch);
    assert.ok(client && server);
    assert.equal(client.span.kind, SpanKind.CLIENT);
    assert.equal(server.span.kind, SpanKind.SERVER);
    // The codec keeps the rightmost 16 hex digits of FSM's 32-hex ids; the shared inbound span then
    // gets its own id under the outbound one (rule shared_span_ids).
    assert.equal(client.span.spanId, '2615049382716051');
    assert.equal(server.span.parentSpanId, client.span.spanId);
    assert.equal(server.span.spanId, sharedServerSpanId('4f3e2d1c0b0a49588776655443322110', '2615049382716051', 'bookstore'));
    assert.equal(server.span.attributes.get(ZIPKIN_ORIGINAL_SPAN_ID), '9e8d7c6b5a4948372615049382716051');
    for (const f of [client, server]) {
      assert.equal(f.span.attributes.get(TELEMETRY_SOURCE), 'fsm');
      assert.equal(f.span.attributes.get(SPAN_ORIGIN), 'proxy');
      assert.equal(f.span.attributes.get('http.request.method'), 'GET');
      assert.equal(f.span.attributes.get('http.response.body.size'), 37n);
    }
    // localEndpoint.serviceName is FSM's service account; the inbound cluster names the service.
    assert.equal(server.resource.get('service.name'), 'bookstore');
    assert.equal(server.resource.get('k8s.namespace.name'), 'bookstore');
    assert.equal(server.resource.get('k8s.pod.uid'), '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d');
    assert.equal(client.resource.get('service.name'), 'bookbuyer');
    assert.equal(client.span.attributes.get('peer.service'), 'bookstore');
    assert.equal(client.span.attributes.get('network.peer.address'), '10.244.1.15');
    assert.equal(server.span.attributes.has('peer.address'), false);
  });

  void test('application OTLP spans (OTLP/JSON) pass through unchanged', () => {
    const batch = decodeOtlpJson(testdata('otlp-app-spans.json'));
    assert.equal(allSpans(batch).length, 2);
    const before = cloneBatch(batch);
    createMeshNormalizer(istioConfig()).normalize(batch);
    assert.deepEqual(batch, before);
  });
});
