import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind } from '../../model/span.js';
import { makeSpan, normalizeOne } from '../../../test/processors/istio/testSpans.js';

const outbound = (cluster: string, attributes: Array<[string, string]> = [], kind: SpanKind = SpanKind.CLIENT) =>
  makeSpan({ kind, tags: { component: 'proxy', upstream_cluster: cluster, 'http.url': 'http://reviews:9080/reviews/0' }, attributes });

void describe('rule peer_service', () => {
  void test('outbound spans name their callee from the cluster; server.address is the cluster host, not the URL host', () => {
    const { span } = normalizeOne(outbound('outbound|9080|v2|reviews.default.svc.cluster.local'), 'productpage');
    assert.equal(span.attributes.get('peer.service'), 'reviews');
    assert.equal(span.attributes.get('server.address'), 'reviews.default.svc.cluster.local');
    assert.equal(span.attributes.get('server.port'), 9080n);
    assert.equal(span.attributes.get('istio.destination.subset'), 'v2');
  });

  void test('external hosts and FSM clusters', () => {
    const ext = normalizeOne(outbound('outbound|443||kyma-project.io'), 'p').span;
    assert.equal(ext.attributes.get('peer.service'), 'kyma-project.io');
    assert.equal(ext.attributes.get('server.port'), 443n);
    const fsm = normalizeOne(outbound('bookstore/bookstore-v1|14001'), 'bookbuyer').span;
    assert.equal(fsm.attributes.get('peer.service'), 'bookstore-v1');
    assert.equal(fsm.attributes.get('istio.destination.service'), 'bookstore-v1');
    assert.equal(fsm.attributes.get('istio.destination.namespace'), 'bookstore');
    assert.equal(fsm.attributes.get('server.address'), 'reviews');
  });

  void test('a peer.service already on the span wins; SERVER and inbound spans get none', () => {
    assert.equal(normalizeOne(outbound('outbound|9080||reviews.default.svc.cluster.local', [['peer.service', 'reviews-remote']]), 'p').span.attributes.get('peer.service'), 'reviews-remote');
    assert.equal(normalizeOne(outbound('outbound|80||server.ns.svc.cluster.local', [], SpanKind.SERVER), 'gw').span.attributes.has('peer.service'), false);
    assert.equal(normalizeOne(outbound('inbound|9080||', [], SpanKind.CLIENT), 'p').span.attributes.has('peer.service'), false);
  });

  void test('off: no peer.service; server.address then comes from the URL (semantic_conventions)', () => {
    const { span } = normalizeOne(outbound('outbound|9080||reviews.default.svc.cluster.local'), 'productpage', { peer_service: false });
    assert.equal(span.attributes.has('peer.service'), false);
    assert.equal(span.attributes.get('server.address'), 'reviews');
    assert.equal(span.attributes.get('server.port'), 9080n);
  });
});
