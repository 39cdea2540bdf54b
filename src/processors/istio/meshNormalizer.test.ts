import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SPAN_ORIGIN, TELEMETRY_SOURCE, ZIPKIN_KIND_REPAIRED, ZIPKIN_LOCAL_SERVICE_NAME } from '../../model/attributeNames.js';
import { cloneBatch } from '../../model/batch.js';
import { SpanKind, type AnyValue, type TraceBatch } from '../../model/span.js';
import { createMeshNormalizer } from './meshNormalizer.js';
import { PRODUCTPAGE_NODE, allSpans, istioConfig, makeBatch, makeSpan, spanNamed } from '../../../test/processors/istio/testSpans.js';

void describe('mesh normalizer', () => {
  void test('Done when: Istio <= 1.7 CLIENT span on an inbound cluster leaves as SERVER of productpage with HTTP semconv; the outbound one leaves as CLIENT with peer.service', () => {
    const inbound = makeSpan({
      name: 'productpage.default.svc.cluster.local:9080/productpage',
      kind: SpanKind.CLIENT,
      spanId: '1111111111111111',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      tags: {
        component: 'proxy',
        upstream_cluster: 'inbound|9080|http|productpage.default.svc.cluster.local',
        'istio.canonical_service': 'productpage',
        'http.method': 'GET',
        'http.status_code': '200',
        node_id: PRODUCTPAGE_NODE,
      },
    });
    const outbound = makeSpan({
      name: 'reviews.default.svc.cluster.local:9080/*',
      kind: SpanKind.CLIENT,
      spanId: '2222222222222222',
      parentSpanId: '1111111111111111',
      tags: {
        component: 'proxy',
        upstream_cluster: 'outbound|9080||reviews.default.svc.cluster.local',
        'istio.canonical_service': 'productpage',
        'http.method': 'GET',
        'http.status_code': '200',
        node_id: PRODUCTPAGE_NODE,
      },
    });
    const batch = makeBatch({ service: 'productpage.default', spans: [inbound, outbound] });
    createMeshNormalizer(istioConfig()).normalize(batch);

    const inb = spanNamed(batch, 'productpage.default.svc.cluster.local:9080/productpage');
    assert.equal(inb.span.kind, SpanKind.SERVER);
    assert.equal(inb.span.attributes.get(ZIPKIN_KIND_REPAIRED), 'upstream_cluster_inbound');
    assert.equal(inb.resource.get('service.name'), 'productpage');
    assert.equal(inb.span.attributes.get('http.request.method'), 'GET');
    assert.equal(inb.span.attributes.get('http.response.status_code'), 200n);
    assert.equal(inb.span.attributes.has('http.method'), false);
    assert.equal(inb.span.attributes.has('http.status_code'), false);

    const out = spanNamed(batch, 'reviews.default.svc.cluster.local:9080/*');
    assert.equal(out.span.kind, SpanKind.CLIENT);
    assert.equal(out.span.attributes.has(ZIPKIN_KIND_REPAIRED), false);
    assert.equal(out.resource.get('service.name'), 'productpage');
    assert.equal(out.span.attributes.get('peer.service'), 'reviews');
    assert.equal(out.span.attributes.get('server.address'), 'reviews.default.svc.cluster.local');
    assert.equal(out.span.attributes.get('server.port'), 9080n);
    // Both sidecar spans share one resource, the original one is gone.
    assert.equal(batch.resourceSpans.length, 1);
    assert.equal(inb.resource, out.resource);
  });

  void test('application OTLP spans are left untouched, whatever their attributes', () => {
    const app = makeSpan({
      traceId: 'b72c4f57c2cf8dc73df8ea734dcc1481',
      kind: SpanKind.CLIENT,
      attributes: [
        ['http.method', 'GET'],
        ['http.status_code', 503n],
        ['upstream_cluster', 'inbound|9080||'],
        ['component', 'http'],
        ['peer.address', '10.0.0.1:80'],
        ['istio.canonical_service', 'reviews'],
      ],
    });
    const proxyWithoutMeshTags = makeSpan({ spanId: '0000000000000002', tags: { component: 'proxy', 'http.method': 'GET' } });
    const batch = makeBatch({ service: 'frontend', spans: [app, proxyWithoutMeshTags] }, { service: 'frontend', spans: [] });
    batch.resourceSpans[0]?.resource.attributes.set('k8s.pod.name', 'frontend-abc');
    const before = cloneBatch(batch);
    createMeshNormalizer(istioConfig({ keep_original_attributes: false })).normalize(batch);
    assert.deepEqual(batch, before);
  });

  void test('regroups spans by resulting resource: sidecar spans of one service meet, others stay where they were', () => {
    const tags = (node: string, canonical: string) => ({ component: 'proxy', node_id: node, 'istio.canonical_service': canonical, 'istio.namespace': 'default', upstream_cluster: 'inbound|9080||' });
    const reviewsNode = 'sidecar~10.244.0.31~reviews-v2-5b667bcbf8-8tvvk.default~default.svc.cluster.local';
    const batch = makeBatch(
      { service: 'productpage.default', spans: [makeSpan({ name: 'pp-sidecar', tags: tags(PRODUCTPAGE_NODE, 'productpage') }), makeSpan({ name: 'pp-app' })] },
      { service: 'reviews.default', spans: [makeSpan({ name: 'rv-sidecar-1', tags: tags(reviewsNode, 'reviews') })] },
      { service: 'reviews-v2.default', spans: [makeSpan({ name: 'rv-sidecar-2', tags: tags(reviewsNode, 'reviews') })] },
    );
    createMeshNormalizer(istioConfig()).normalize(batch);
    const services = batch.resourceSpans.map((rs) => rs.resource.attributes.get('service.name'));
    assert.deepEqual(services, ['productpage.default', 'productpage', 'reviews']);
    assert.deepEqual(
      batch.resourceSpans.map((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name))),
      [['pp-app'], ['pp-sidecar'], ['rv-sidecar-1', 'rv-sidecar-2']],
    );
    const rv = spanNamed(batch, 'rv-sidecar-2');
    assert.equal(rv.span.attributes.get(ZIPKIN_LOCAL_SERVICE_NAME), 'reviews-v2.default');
    assert.equal(spanNamed(batch, 'rv-sidecar-1').span.attributes.get(ZIPKIN_LOCAL_SERVICE_NAME), 'reviews.default');
  });

  void test('a sidecar span moves into an existing ResourceSpans with an equal resource and keeps its scope', () => {
    const sidecar = makeSpan({ name: 'sidecar', tags: { component: 'proxy', node_id: 'x', 'istio.canonical_service': 'ratings' } });
    const batch = makeBatch({ service: 'ratings', spans: [makeSpan({ name: 'app' })] }, { service: 'ratings.default', spans: [sidecar] });
    const scope = batch.resourceSpans[1]?.scopeSpans[0];
    if (scope) scope.scope = { name: 'zipkin', version: '1', attributes: new Map(), droppedAttributesCount: 0 };
    createMeshNormalizer(istioConfig({ resource_attributes: false })).normalize(batch);
    assert.equal(batch.resourceSpans.length, 1);
    const rs = batch.resourceSpans[0];
    assert.deepEqual(
      rs?.scopeSpans.map((ss) => [ss.scope.name, ss.spans.map((s) => s.name)]),
      [
        ['', ['app']],
        ['zipkin', ['sidecar']],
      ],
    );
  });

  void test('every sidecar span is marked, application spans are not', () => {
    const envoy = makeSpan({ name: 'envoy', tags: { component: 'proxy', 'guid:x-request-id': 'r' } });
    const fsm = makeSpan({ name: 'fsm', tags: { component: 'proxy', node_id: '6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b90' } });
    const app = makeSpan({ name: 'app', tags: { 'http.method': 'GET' } });
    const batch = makeBatch({ service: 'a', spans: [envoy, fsm, app] });
    createMeshNormalizer(istioConfig()).normalize(batch);
    assert.deepEqual([envoy.attributes.get(SPAN_ORIGIN), envoy.attributes.get(TELEMETRY_SOURCE)], ['proxy', 'envoy']);
    assert.deepEqual([fsm.attributes.get(SPAN_ORIGIN), fsm.attributes.get(TELEMETRY_SOURCE)], ['proxy', 'fsm']);
    assert.equal(app.attributes.has(SPAN_ORIGIN), false);
    assert.equal(app.attributes.has(TELEMETRY_SOURCE), false);
  });

  void test('mark_proxy_spans off marks nothing', () => {
    const envoy = makeSpan({ tags: { component: 'proxy', 'guid:x-request-id': 'r' } });
    createMeshNormalizer(istioConfig({ mark_proxy_spans: false })).normalize(makeBatch({ service: 'a', spans: [envoy] }));
    assert.equal(envoy.attributes.has(SPAN_ORIGIN), false);
    assert.equal(envoy.attributes.has(TELEMETRY_SOURCE), false);
  });

  void test('normalizing twice changes nothing more', () => {
    const make = (): TraceBatch =>
      makeBatch({
        service: 'productpage.default',
        spans: [
          makeSpan({
            kind: SpanKind.CLIENT,
            parentSpanId: 'aaaaaaaaaaaaaaaa',
            shared: true,
            tags: { component: 'proxy', upstream_cluster: 'inbound|9080|http|productpage.default.svc.cluster.local', node_id: PRODUCTPAGE_NODE, 'http.status_code': '503', 'peer.address': '10.0.0.9:5000' },
          }),
        ],
      });
    const n = createMeshNormalizer(istioConfig());
    const once = make();
    n.normalize(once);
    const twice = cloneBatch(once);
    createMeshNormalizer(istioConfig()).normalize(twice);
    assert.deepEqual(twice, once);
  });

  void test('never throws on arbitrary attribute values (bad input does not crash)', () => {
    const keys = ['component', 'upstream_cluster', 'node_id', 'guid:x-request-id', 'http.url', 'http.method', 'http.status_code', 'http.protocol', 'peer.address', 'request_size', 'response_size', 'response_flags', 'error', 'otel.status_code', 'istio.canonical_service', 'istio.namespace', 'grpc.path', 'grpc.status_code', 'zipkin.shared', 'zipkin.trace_id_64bit', 'user_agent'];
    const value: fc.Arbitrary<AnyValue> = fc.oneof(
      fc.constantFrom<AnyValue>('proxy', 'inbound|9080||', 'outbound|80|v1|a.b.svc.cluster.local', 'sidecar~1.2.3.4~a-b.ns~ns.svc', '-', '', '0', 'true', 'false', 'HTTP/2', 'http://[::1', true, false, null, 5n, -1n, 1.5, Number.NaN),
      fc.string(),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 12 }), fc.constantFrom<SpanKind>(0, 1, 2, 3, 4, 5), fc.boolean(), (entries, kind, root) => {
        const span = makeSpan({ kind, parentSpanId: root ? '' : '00000000000000aa', attributes: [['component', 'proxy'], ...entries] });
        const batch = makeBatch({ service: undefined, spans: [span] });
        createMeshNormalizer(istioConfig()).normalize(batch);
        assert.equal(allSpans(batch).length, 1);
      }),
      { numRuns: 500 },
    );
  });
});
