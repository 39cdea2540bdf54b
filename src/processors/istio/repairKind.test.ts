import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZIPKIN_KIND_REPAIRED } from '../../model/attributeNames.js';
import { SpanKind } from '../../model/span.js';
import { makeSpan, normalizeOne } from '../../../test/processors/istio/testSpans.js';

const sidecar = (kind: SpanKind, cluster: string) => makeSpan({ kind, tags: { component: 'proxy', upstream_cluster: cluster } });

void describe('rule span_kind', () => {
  void test('inbound clusters turn CLIENT into SERVER, in both the old and the new form and for inbound passthrough', () => {
    for (const cluster of ['inbound|9080|http|productpage.default.svc.cluster.local', 'inbound|9080||', 'InboundPassthroughClusterIpv4', 'InboundPassthroughCluster']) {
      const { span } = normalizeOne(sidecar(SpanKind.CLIENT, cluster), 'p');
      assert.equal(span.kind, SpanKind.SERVER, cluster);
      assert.equal(span.attributes.get(ZIPKIN_KIND_REPAIRED), 'upstream_cluster_inbound', cluster);
    }
  });

  void test('outbound clusters fill a missing kind with CLIENT and never overrule SERVER (gateway spawn mode)', () => {
    const missing = normalizeOne(sidecar(SpanKind.UNSPECIFIED, 'outbound|9080||reviews.default.svc.cluster.local'), 'p').span;
    assert.equal(missing.kind, SpanKind.CLIENT);
    assert.equal(missing.attributes.get(ZIPKIN_KIND_REPAIRED), 'upstream_cluster_outbound');
    const server = normalizeOne(sidecar(SpanKind.SERVER, 'outbound|80||server.ns.svc.cluster.local'), 'gw').span;
    assert.equal(server.kind, SpanKind.SERVER);
    assert.equal(server.attributes.has(ZIPKIN_KIND_REPAIRED), false);
  });

  void test('correct kinds, waypoint VIP clusters and plain Envoy clusters are left alone', () => {
    for (const [kind, cluster] of [
      [SpanKind.SERVER, 'inbound|9080||'],
      [SpanKind.CLIENT, 'outbound|9080||reviews.default.svc.cluster.local'],
      [SpanKind.CLIENT, 'inbound-vip|9080|http|reviews.default.svc.cluster.local'],
      [SpanKind.CLIENT, 'service_google'],
    ] as const) {
      const { span } = normalizeOne(sidecar(kind, cluster), 'p');
      assert.equal(span.kind, kind, cluster);
      assert.equal(span.attributes.has(ZIPKIN_KIND_REPAIRED), false, cluster);
    }
  });

  void test('application spans keep their kind whatever their tags', () => {
    const app = makeSpan({ kind: SpanKind.CLIENT, tags: { upstream_cluster: 'inbound|9080||' } });
    assert.equal(normalizeOne(app, 'p').span.kind, SpanKind.CLIENT);
  });

  void test('off: the kind stays as reported', () => {
    const { span } = normalizeOne(sidecar(SpanKind.CLIENT, 'inbound|9080||'), 'p', { span_kind: false });
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.attributes.has(ZIPKIN_KIND_REPAIRED), false);
  });
});
