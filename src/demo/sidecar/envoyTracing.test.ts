import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Workload } from '../bookinfo/workloads.js';
import { createEnvoyTracing, istioNodeId } from './envoyTracing.js';
import type { ProxyHop } from './sidecarTracing.js';

const REVIEWS: Workload = {
  service: 'reviews',
  version: 'v2',
  name: 'reviews-v2',
  podName: 'reviews-v2-5b667bcbf8-2kq9p',
  podIp: '10.244.0.14',
  podUid: '0b8f7c7e-4f0e-4b5e-9d7a-1f2e3d4c5b6a',
  serviceAccount: 'bookinfo-reviews',
};
const TRACE = '463ac35c9f6413ad48485a3953bb6124';
const CALLER_SPAN = 'a2fb4a1d1a96d312';

function hop(overrides: Partial<ProxyHop>): ProxyHop {
  return {
    direction: 'outbound',
    span: { traceId: TRACE, spanId: '1111111111111111', parentId: CALLER_SPAN, sampled: true },
    startMicros: 1_700_000_000_000_000,
    durationMicros: 1234,
    method: 'GET',
    authority: 'ratings:9080',
    path: '/ratings/0',
    protocol: 'HTTP/1.1',
    forwardedProto: undefined,
    requestId: '233128f2-8a20-929e-bf22-843422da5bde',
    userAgent: 'bookinfo-reviews/v2',
    downstreamAddress: '10.244.0.14',
    upstreamAddress: '10.244.0.16:9080',
    destination: { service: 'ratings', subset: 'v1' },
    statusCode: 200,
    responseFlags: '-',
    requestBytes: 0,
    responseBytes: 48,
    ...overrides,
  };
}

describe('createEnvoyTracing', () => {
  test('node_id has the Istio sidecar form', () => {
    assert.equal(istioNodeId(REVIEWS), 'sidecar~10.244.0.14~reviews-v2-5b667bcbf8-2kq9p.default~default.svc.cluster.local');
  });

  test('a request without context starts a 128-bit trace whose root span id is the low half of the trace id', () => {
    const { span, headers } = createEnvoyTracing(REVIEWS, { samplingPercent: 100 }).begin('inbound', {});
    assert.ok(span);
    assert.match(span.traceId, /^[0-9a-f]{32}$/);
    assert.equal(span.spanId, span.traceId.slice(16));
    assert.equal(span.parentId, undefined);
    assert.deepEqual(headers, { 'X-B3-TraceId': span.traceId, 'X-B3-SpanId': span.spanId, 'X-B3-ParentSpanId': undefined, 'X-B3-Sampled': '1', b3: undefined, 'x-envoy-peer-metadata-id': undefined });
  });

  test('with context: a new span id whose parent is the caller span; the decision is inherited', () => {
    const tracing = createEnvoyTracing(REVIEWS, { samplingPercent: 100 });
    const { span, headers } = tracing.begin('outbound', { 'x-b3-traceid': TRACE, 'x-b3-spanid': CALLER_SPAN, 'x-b3-sampled': '0' });
    assert.ok(span);
    assert.equal(span.traceId, TRACE);
    assert.equal(span.parentId, CALLER_SPAN);
    assert.notEqual(span.spanId, CALLER_SPAN);
    assert.equal(span.sampled, false);
    assert.equal(headers['X-B3-ParentSpanId'], CALLER_SPAN);
    assert.equal(headers['X-B3-Sampled'], '0');
    assert.equal(headers['x-envoy-peer-metadata-id'], istioNodeId(REVIEWS), 'outbound requests name the calling sidecar');
    assert.equal(tracing.toZipkinSpan(hop({ span })), undefined, 'unsampled spans are not reported');
  });

  test('the sampling percentage decides new traces only', () => {
    const never = createEnvoyTracing(REVIEWS, { samplingPercent: 0 });
    assert.equal(never.begin('inbound', {}).span?.sampled, false);
    assert.equal(never.begin('inbound', { 'x-b3-traceid': TRACE, 'x-b3-spanid': CALLER_SPAN, 'x-b3-sampled': '1' }).span?.sampled, true);
    const half = createEnvoyTracing(REVIEWS, { samplingPercent: 50, random: () => 0.49 });
    assert.equal(half.begin('inbound', {}).span?.sampled, true);
  });

  test('malformed B3 headers: no span, trace headers untouched', () => {
    const decision = createEnvoyTracing(REVIEWS, { samplingPercent: 100 }).begin('inbound', { 'x-b3-traceid': 'nothex', 'x-b3-spanid': CALLER_SPAN });
    assert.deepEqual(decision, { span: undefined, headers: { 'x-envoy-peer-metadata-id': undefined } });
  });

  test('an outbound hop becomes the istio-proxy Zipkin span', () => {
    assert.deepEqual(createEnvoyTracing(REVIEWS, { samplingPercent: 100 }).toZipkinSpan(hop({})), {
      traceId: TRACE,
      parentId: CALLER_SPAN,
      id: '1111111111111111',
      kind: 'CLIENT',
      name: 'ratings.default.svc.cluster.local:9080/*',
      timestamp: 1_700_000_000_000_000,
      duration: 1234,
      localEndpoint: { serviceName: 'reviews.default', ipv4: '10.244.0.14', port: 0 },
      annotations: [{ timestamp: 1_700_000_000_001_234, value: 'cr' }],
      tags: {
        component: 'proxy',
        node_id: 'sidecar~10.244.0.14~reviews-v2-5b667bcbf8-2kq9p.default~default.svc.cluster.local',
        'guid:x-request-id': '233128f2-8a20-929e-bf22-843422da5bde',
        'http.url': 'http://ratings:9080/ratings/0',
        'http.method': 'GET',
        'http.protocol': 'HTTP/1.1',
        downstream_cluster: '-',
        user_agent: 'bookinfo-reviews/v2',
        'peer.address': '10.244.0.14',
        request_size: '0',
        response_size: '48',
        upstream_cluster: 'outbound|9080|v1|ratings.default.svc.cluster.local',
        'http.status_code': '200',
        response_flags: '-',
        'istio.canonical_revision': 'v2',
        'istio.canonical_service': 'reviews',
        'istio.mesh_id': 'cluster.local',
        'istio.namespace': 'default',
      },
    });
  });

  test('inbound hops use the inbound cluster and the own service decorator; failures carry error and flags', () => {
    const tracing = createEnvoyTracing(REVIEWS, { samplingPercent: 100 });
    const inbound = tracing.toZipkinSpan(hop({ direction: 'inbound', authority: 'reviews:9080', path: '/reviews/0', destination: undefined, statusCode: 503, responseFlags: 'UF' }));
    assert.equal(inbound?.name, 'reviews.default.svc.cluster.local:9080/*');
    assert.equal(inbound?.tags.upstream_cluster, 'inbound|9080||reviews.default.svc.cluster.local');
    assert.equal(inbound?.tags.error, 'true');
    assert.equal(inbound?.tags.response_flags, 'UF');
  });

  test('an unrouted outbound request is named by its Host header and has no upstream_cluster', () => {
    const span = createEnvoyTracing(REVIEWS, { samplingPercent: 100 }).toZipkinSpan(hop({ authority: 'example.com', destination: undefined, statusCode: 404, responseFlags: 'NR' }));
    assert.equal(span?.name, 'example.com');
    assert.equal(span?.tags.upstream_cluster, undefined);
    assert.equal(span?.tags.error, undefined);
    assert.equal(span?.tags.response_flags, 'NR');
  });

  test('the path in http.url is cut at 256 characters, the query kept', () => {
    const span = createEnvoyTracing(REVIEWS, { samplingPercent: 100 }).toZipkinSpan(hop({ path: `/${'a'.repeat(300)}?q=1` }));
    assert.equal(span?.tags['http.url'], `http://ratings:9080/${'a'.repeat(255)}?q=1`);
  });
});
