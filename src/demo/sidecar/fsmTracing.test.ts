import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Workload } from '../bookinfo/workloads.js';
import { createFsmTracing } from './fsmTracing.js';
import type { ProxyHop } from './sidecarTracing.js';

const DETAILS: Workload = {
  service: 'details',
  version: 'v1',
  name: 'details-v1',
  podName: 'details-v1-79f774bdb9-lx7mz',
  podIp: '10.244.0.12',
  podUid: '6ee6cb42-e5e2-4503-913b-8c98b14124d2',
  serviceAccount: 'bookinfo-details',
};
const TRACE = '463ac35c9f6413ad48485a3953bb6124';
const APP_SPAN = 'a2fb4a1d1a96d312';
const FSM_SPAN = '08e1f1b150824522af0728c322bdaa08';

describe('createFsmTracing', () => {
  test('outbound: a 32-hex span id under the app span, trace and decision inherited, stats headers added', () => {
    const { span, headers } = createFsmTracing(DETAILS, { samplingPercent: 100 }).begin('outbound', { 'x-b3-traceid': TRACE, 'x-b3-spanid': APP_SPAN, 'x-b3-sampled': '0' });
    assert.ok(span);
    assert.match(span.spanId, /^[0-9a-f]{32}$/);
    assert.deepEqual({ traceId: span.traceId, parentId: span.parentId, sampled: span.sampled }, { traceId: TRACE, parentId: APP_SPAN, sampled: false });
    assert.deepEqual(headers, {
      'x-b3-traceid': TRACE,
      'x-b3-spanid': span.spanId,
      'x-b3-parentspanid': APP_SPAN,
      'x-b3-sampled': '0',
      'fsm-stats-namespace': 'default',
      'fsm-stats-kind': 'Deployment',
      'fsm-stats-name': 'details-v1',
      'fsm-stats-pod': 'details-v1-79f774bdb9-lx7mz',
    });
  });

  test('outbound without a trace: trace id = span id, sampled by sampledFraction', () => {
    const { span } = createFsmTracing(DETAILS, { samplingPercent: 100 }).begin('outbound', {});
    assert.ok(span);
    assert.equal(span.traceId, span.spanId);
    assert.equal(span.parentId, undefined);
    assert.equal(span.sampled, true);
    assert.equal(createFsmTracing(DETAILS, { samplingPercent: 0 }).begin('outbound', {}).span?.sampled, false);
  });

  test('inbound: recorded only with x-b3-sampled 1, reusing the caller span id; headers untouched', () => {
    const tracing = createFsmTracing(DETAILS, { samplingPercent: 100 });
    assert.deepEqual(tracing.begin('inbound', { 'x-b3-traceid': TRACE, 'x-b3-spanid': FSM_SPAN }), { span: undefined, headers: {} });
    assert.deepEqual(tracing.begin('inbound', { 'x-b3-traceid': TRACE, 'x-b3-spanid': FSM_SPAN, 'x-b3-parentspanid': APP_SPAN, 'x-b3-sampled': '1' }), {
      span: { traceId: TRACE, spanId: FSM_SPAN, parentId: APP_SPAN, sampled: true },
      headers: {},
    });
  });

  test('an inbound hop becomes a shared SERVER span with FSM tags', () => {
    const hop: ProxyHop = {
      direction: 'inbound',
      span: { traceId: TRACE, spanId: FSM_SPAN, parentId: APP_SPAN, sampled: true },
      startMicros: 1_700_000_000_123_456,
      durationMicros: 900,
      method: 'GET',
      authority: 'details:9080',
      path: '/details/0',
      protocol: 'HTTP/1.1',
      forwardedProto: 'http',
      requestId: 'ba83e01d-6027-41ae-aec5-d3b5f95c4d83',
      userAgent: 'bookinfo-productpage/v1',
      downstreamAddress: '10.244.0.11',
      upstreamAddress: '10.244.0.12:9080',
      destination: undefined,
      statusCode: 200,
      responseFlags: '-',
      requestBytes: 0,
      responseBytes: 178,
    };
    assert.deepEqual(createFsmTracing(DETAILS, { samplingPercent: 100 }).toZipkinSpan(hop), {
      traceId: TRACE,
      id: FSM_SPAN,
      parentId: APP_SPAN,
      name: 'details:9080',
      kind: 'SERVER',
      timestamp: 1_700_000_000_123_000,
      duration: 900,
      localEndpoint: { port: 0, ipv4: '10.244.0.12', serviceName: 'bookinfo-details' },
      annotations: [],
      shared: true,
      tags: {
        component: 'proxy',
        'http.url': 'http://details:9080/details/0',
        'http.method': 'GET',
        node_id: '6ee6cb42-e5e2-4503-913b-8c98b14124d2',
        'http.protocol': 'HTTP/1.1',
        'guid:x-request-id': 'ba83e01d-6027-41ae-aec5-d3b5f95c4d83',
        user_agent: 'bookinfo-productpage/v1',
        upstream_cluster: 'default/details|9080|local',
        request_size: '0',
        response_size: '178',
        'http.status_code': '200',
        'peer.address': '10.244.0.12:9080',
      },
    });
  });

  test('an outbound hop without a response reports Pipy\'s default status 502 and the outbound cluster', () => {
    const span = createFsmTracing(DETAILS, { samplingPercent: 100 }).toZipkinSpan({
      direction: 'outbound',
      span: { traceId: TRACE, spanId: FSM_SPAN, parentId: APP_SPAN, sampled: true },
      startMicros: 1,
      durationMicros: 1,
      method: 'GET',
      authority: 'ratings:9080',
      path: '/ratings/0',
      protocol: 'HTTP/1.1',
      forwardedProto: undefined,
      requestId: 'r',
      userAgent: undefined,
      downstreamAddress: '10.244.0.12',
      upstreamAddress: '10.244.0.16:9080',
      destination: { service: 'ratings', subset: 'v1' },
      statusCode: 0,
      responseFlags: 'DC',
      requestBytes: 0,
      responseBytes: 0,
    });
    assert.equal(span?.kind, 'CLIENT');
    assert.equal(span?.shared, undefined);
    assert.equal(span?.tags['http.status_code'], '502');
    assert.equal(span?.tags.upstream_cluster, 'default/ratings|9080');
  });
});
