import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind } from '../../model/span.js';
import { parseUpstreamCluster } from './parseUpstreamCluster.js';

// Cluster names of Istio and FSM sidecars (docs/zipkin-mesh.md, "upstream_cluster").
void describe('parseUpstreamCluster', () => {
  void test('outbound with and without a subset', () => {
    assert.deepEqual(parseUpstreamCluster('outbound|9080|v2|reviews.default.svc.cluster.local'), {
      direction: 'outbound',
      kindHint: SpanKind.CLIENT,
      port: 9080,
      subset: 'v2',
      portName: undefined,
      host: 'reviews.default.svc.cluster.local',
      service: 'reviews',
      namespace: 'default',
    });
    const noSubset = parseUpstreamCluster('outbound|9080||reviews.default.svc.cluster.local');
    assert.equal(noSubset?.subset, undefined);
    assert.equal(noSubset?.service, 'reviews');
  });

  void test('outbound to an external host keeps the whole host and names no service', () => {
    const c = parseUpstreamCluster('outbound|443||kyma-project.io');
    assert.equal(c?.host, 'kyma-project.io');
    assert.equal(c?.service, undefined);
    assert.equal(c?.port, 443);
  });

  void test('inbound: Istio <= 1.9 form with port name, and the >= 1.10 form with only a port', () => {
    const old = parseUpstreamCluster('inbound|9080|http|productpage.default.svc.cluster.local');
    assert.equal(old?.direction, 'inbound');
    assert.equal(old?.kindHint, SpanKind.SERVER);
    assert.equal(old?.portName, 'http');
    assert.equal(old?.subset, undefined);
    assert.equal(old?.service, 'productpage');
    assert.equal(old?.namespace, 'default');
    const neu = parseUpstreamCluster('inbound|80||');
    assert.deepEqual([neu?.direction, neu?.port, neu?.host, neu?.portName], ['inbound', 80, undefined, undefined]);
  });

  void test('SNI form, waypoint VIP and passthrough clusters', () => {
    const sni = parseUpstreamCluster('outbound_.9080_.v1_.details.default.svc.cluster.local');
    assert.deepEqual([sni?.direction, sni?.port, sni?.subset, sni?.service], ['outbound', 9080, 'v1', 'details']);
    const vip = parseUpstreamCluster('inbound-vip|8080|http|reviews.default.svc.cluster.local');
    assert.equal(vip?.direction, 'inbound');
    assert.equal(vip?.kindHint, undefined);
    assert.equal(parseUpstreamCluster('InboundPassthroughClusterIpv4')?.kindHint, SpanKind.SERVER);
    assert.equal(parseUpstreamCluster('PassthroughCluster')?.direction, 'outbound');
    assert.equal(parseUpstreamCluster('PassthroughCluster')?.kindHint, undefined);
  });

  void test('FSM outbound and inbound clusters', () => {
    const out = parseUpstreamCluster('bookstore/bookstore-v1|14001');
    assert.deepEqual([out?.direction, out?.kindHint, out?.namespace, out?.service, out?.port, out?.host], ['outbound', SpanKind.CLIENT, 'bookstore', 'bookstore-v1', 14001, undefined]);
    const inb = parseUpstreamCluster('bookstore/bookstore-v1|14001|local');
    assert.deepEqual([inb?.direction, inb?.kindHint, inb?.service], ['inbound', SpanKind.SERVER, 'bookstore-v1']);
  });

  void test('plain Envoy cluster names and malformed Istio names are not parsed', () => {
    for (const raw of ['service_google', 'h1_ingress_cluster', 'service_cluster1', 'outbound|abc||x', 'outbound|0||x', 'outbound|9080|x', 'inbound|99999||', 'a/b/c|80', 'ns/|80', 'constructor', '', '/svc|80']) {
      assert.equal(parseUpstreamCluster(raw), undefined, raw);
    }
  });
});
