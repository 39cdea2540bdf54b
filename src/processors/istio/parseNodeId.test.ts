import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isUuid, parseNodeId } from './parseNodeId.js';
import { workloadFromPodName } from './workloadFromPodName.js';

void describe('parseNodeId', () => {
  void test('Istio sidecar node id (from the istio-pr-42104 excerpt)', () => {
    assert.deepEqual(parseNodeId('sidecar~10.244.0.46~httpbin-847f64cc8d-982r2.default~default.svc.cluster.local'), {
      mesh: 'istio',
      proxyType: 'sidecar',
      podIp: '10.244.0.46',
      podName: 'httpbin-847f64cc8d-982r2',
      namespace: 'default',
      workload: 'httpbin',
    });
  });

  void test('gateway (router) node id; the pod name may itself contain dots', () => {
    const n = parseNodeId('router~10.1.0.7~istio-ingressgateway-5d8b8d6b6f-x2x9z.istio-system~istio-system.svc.cluster.local');
    assert.equal(n?.mesh, 'istio');
    if (n?.mesh !== 'istio') return;
    assert.equal(n.proxyType, 'router');
    assert.equal(n.namespace, 'istio-system');
    assert.equal(n.workload, 'istio-ingressgateway');
    assert.equal(parseNodeId('sidecar~~a.b.c~c.svc.cluster.local')?.mesh, 'istio');
  });

  void test('FSM node id is the pod UID', () => {
    assert.deepEqual(parseNodeId('6F1D3A52-4B7C-4E0A-9D0B-2C1E5F3A7B90'), { mesh: 'fsm', podUid: '6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b90' });
    assert.ok(isUuid('6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b90'));
    assert.ok(!isUuid('6f1d3a52-4b7c-4e0a-9d0b-2c1e5f3a7b9g'));
    assert.ok(!isUuid('6f1d3a524b7c-4e0a-9d0b-2c1e5f3a7b90-'));
  });

  void test('other node ids are not parsed', () => {
    for (const raw of ['service-a-1', 'sidecar~1.2.3.4~nodot~x', '~1.2.3.4~a.b~b.svc', 'sidecar~1~a.~x', '']) assert.equal(parseNodeId(raw), undefined, raw);
  });

  void test('workload from pod name strips generated ReplicaSet and pod suffixes only', () => {
    assert.equal(workloadFromPodName('details-v1-79f774bdb9-xbk5q'), 'details-v1');
    assert.equal(workloadFromPodName('reviews-v2-5b667bcbf8-8tvvk'), 'reviews-v2');
    assert.equal(workloadFromPodName('fluentd-x7k2p'), 'fluentd');
    assert.equal(workloadFromPodName('ratings-0'), 'ratings-0');
    assert.equal(workloadFromPodName('my-api-proxy'), 'my-api-proxy');
    assert.equal(workloadFromPodName('productpage'), 'productpage');
  });
});
