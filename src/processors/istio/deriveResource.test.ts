import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZIPKIN_LOCAL_SERVICE_NAME } from '../../model/attributeNames.js';
import { SpanKind } from '../../model/span.js';
import { PRODUCTPAGE_NODE, makeSpan, normalizeOne } from '../../../test/processors/istio/testSpans.js';

const ISTIO_TAGS = {
  component: 'proxy',
  node_id: PRODUCTPAGE_NODE,
  upstream_cluster: 'inbound|9080||',
  'istio.canonical_service': 'productpage',
  'istio.canonical_revision': 'v1',
  'istio.namespace': 'bookinfo',
  'istio.mesh_id': 'cluster.local',
  'istio.cluster_id': 'Kubernetes',
  zone: 'us-east-2c',
};

void describe('rule service_name', () => {
  void test('canonical service first; the original local service name is kept on the span', () => {
    const { span, resource } = normalizeOne(makeSpan({ tags: ISTIO_TAGS }), 'productpage.bookinfo');
    assert.equal(resource.get('service.name'), 'productpage');
    assert.equal(span.attributes.get(ZIPKIN_LOCAL_SERVICE_NAME), 'productpage.bookinfo');
    assert.equal(span.attributes.has('istio.canonical_service'), false);
  });

  void test('canonical service "unknown" falls back to the node_id workload, then the inbound cluster host', () => {
    const byNode = normalizeOne(makeSpan({ tags: { ...ISTIO_TAGS, 'istio.canonical_service': 'unknown' } }), 'x');
    assert.equal(byNode.resource.get('service.name'), 'productpage-v1');
    const byHost = normalizeOne(makeSpan({ kind: SpanKind.CLIENT, tags: { component: 'proxy', upstream_cluster: 'inbound|9080|http|details.default.svc.cluster.local' } }), 'istio-proxy');
    assert.equal(byHost.resource.get('service.name'), 'details');
    assert.equal(byHost.span.attributes.get(ZIPKIN_LOCAL_SERVICE_NAME), 'istio-proxy');
    const fsmInbound = normalizeOne(makeSpan({ kind: SpanKind.SERVER, tags: { component: 'proxy', node_id: '6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b90', upstream_cluster: 'bookstore/bookstore-v1|14001|local' } }), 'bookstore-sa');
    assert.equal(fsmInbound.resource.get('service.name'), 'bookstore-v1');
  });

  void test('an outbound cluster host is the callee, never the local service; without other sources the original stays', () => {
    const { span, resource } = normalizeOne(makeSpan({ kind: SpanKind.CLIENT, tags: { component: 'proxy', upstream_cluster: 'outbound|9080||reviews.default.svc.cluster.local' } }), 'productpage.default');
    assert.equal(resource.get('service.name'), 'productpage.default');
    assert.equal(span.attributes.has(ZIPKIN_LOCAL_SERVICE_NAME), false);
  });

  void test('no source at all and no local service name gives unknown_service (Envoy without --service-cluster)', () => {
    const { span, resource } = normalizeOne(makeSpan({ tags: { component: 'proxy', upstream_cluster: 'service_google' } }), undefined);
    assert.equal(resource.get('service.name'), 'unknown_service');
    assert.equal(span.attributes.has(ZIPKIN_LOCAL_SERVICE_NAME), false);
  });

  void test('zipkin mode keeps localEndpoint.serviceName first and names peers in the same <app>.<namespace> form', () => {
    const { resource } = normalizeOne(makeSpan({ tags: ISTIO_TAGS }), 'productpage.bookinfo', { service_name_source: 'zipkin' });
    assert.equal(resource.get('service.name'), 'productpage.bookinfo');
    const missing = normalizeOne(makeSpan({ tags: ISTIO_TAGS }), undefined, { service_name_source: 'zipkin' });
    assert.equal(missing.resource.get('service.name'), 'productpage');
    const out = normalizeOne(makeSpan({ kind: SpanKind.CLIENT, tags: { component: 'proxy', upstream_cluster: 'outbound|9080||reviews.default.svc.cluster.local' } }), 'productpage.default', { service_name_source: 'zipkin' });
    assert.equal(out.span.attributes.get('peer.service'), 'reviews.default');
  });

  void test('off: service.name and istio.canonical_service stay as they came', () => {
    const { span, resource } = normalizeOne(makeSpan({ tags: ISTIO_TAGS }), 'productpage.bookinfo', { service_name: false });
    assert.equal(resource.get('service.name'), 'productpage.bookinfo');
    assert.equal(span.attributes.get('istio.canonical_service'), 'productpage');
    assert.equal(span.attributes.has(ZIPKIN_LOCAL_SERVICE_NAME), false);
  });
});

void describe('rule resource_attributes', () => {
  void test('namespace, version, mesh, cluster, pod, proxy type and zone move to the resource', () => {
    const { span, resource } = normalizeOne(makeSpan({ tags: ISTIO_TAGS }), 'productpage.bookinfo');
    assert.deepEqual(Object.fromEntries(resource), {
      'service.name': 'productpage',
      'service.namespace': 'bookinfo',
      'k8s.namespace.name': 'bookinfo',
      'service.version': 'v1',
      'istio.mesh_id': 'cluster.local',
      'k8s.cluster.name': 'Kubernetes',
      'cloud.availability_zone': 'us-east-2c',
      'k8s.pod.name': 'productpage-v1-6b746f74dc-9stvs',
      'istio.proxy_type': 'sidecar',
      'k8s.pod.ip': '10.244.0.20',
    });
    for (const k of ['istio.namespace', 'istio.canonical_revision', 'istio.mesh_id', 'istio.cluster_id', 'zone', 'node_id']) assert.equal(span.attributes.has(k), false, k);
  });

  void test("Istio's placeholders (latest, unknown) are dropped, namespace falls back to node_id", () => {
    const tags = { component: 'proxy', node_id: PRODUCTPAGE_NODE, 'istio.canonical_revision': 'latest', 'istio.mesh_id': 'unknown', 'istio.cluster_id': 'unknown' };
    const { span, resource } = normalizeOne(makeSpan({ tags }), 'productpage.default');
    assert.equal(resource.has('service.version'), false);
    assert.equal(resource.has('istio.mesh_id'), false);
    assert.equal(resource.has('k8s.cluster.name'), false);
    assert.equal(resource.get('k8s.namespace.name'), 'default');
    assert.equal(span.attributes.has('istio.canonical_revision'), false);
  });

  void test('FSM node_id is the pod UID; a node_id in no known form stays a span attribute', () => {
    const fsm = normalizeOne(makeSpan({ tags: { component: 'proxy', node_id: '6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b90' } }), 'sa');
    assert.equal(fsm.resource.get('k8s.pod.uid'), '6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b90');
    assert.equal(fsm.span.attributes.has('node_id'), false);
    const other = normalizeOne(makeSpan({ tags: { component: 'proxy', node_id: 'service-a-1' } }), 'a');
    assert.equal(other.span.attributes.get('node_id'), 'service-a-1');
    assert.equal(other.resource.size, 1);
  });

  void test('keep_original_attributes keeps the Istio tags on the span', () => {
    const { span, resource } = normalizeOne(makeSpan({ tags: ISTIO_TAGS }), 'productpage.bookinfo', { keep_original_attributes: true });
    assert.equal(resource.get('service.namespace'), 'bookinfo');
    for (const [k, v] of Object.entries(ISTIO_TAGS)) assert.equal(span.attributes.get(k), v, k);
  });

  void test('off: the resource keeps only what it had and the tags stay', () => {
    const { span, resource } = normalizeOne(makeSpan({ tags: ISTIO_TAGS }), 'productpage.bookinfo', { resource_attributes: false });
    assert.deepEqual(Object.fromEntries(resource), { 'service.name': 'productpage' });
    for (const k of ['istio.namespace', 'istio.canonical_revision', 'istio.mesh_id', 'istio.cluster_id', 'zone', 'node_id']) assert.ok(span.attributes.has(k), k);
  });
});
