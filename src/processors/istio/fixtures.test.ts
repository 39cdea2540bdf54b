// The rules on real sidecar spans: the Zipkin fixtures of test/fixtures/zipkin (its README.txt gives each one's
// origin).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeZipkinV1Json } from '../../codecs/zipkin/decodeZipkinV1Json.js';
import { decodeZipkinV2Json } from '../../codecs/zipkin/decodeZipkinV2Json.js';
import { SPAN_ORIGIN, TELEMETRY_SOURCE, ZIPKIN_KIND_REPAIRED, ZIPKIN_LOCAL_SERVICE_NAME, ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED } from '../../model/attributeNames.js';
import { cloneBatch } from '../../model/batch.js';
import { SpanKind, StatusCode, type TraceBatch } from '../../model/span.js';
import { FIXTURES } from '../../../test/support/paths.js';
import type { IstioConfig } from './config.js';
import { createMeshNormalizer } from './meshNormalizer.js';
import { sharedServerSpanId } from './sharedSpanIds.js';
import { allSpans, istioConfig, type FoundSpan } from '../../../test/processors/istio/testSpans.js';

const fixture = (...parts: string[]): Buffer => readFileSync(join(FIXTURES, 'zipkin', ...parts));
const excerpt = (name: string): Buffer => fixture('issue-excerpts', name);

function decodeV2(body: Buffer | string): TraceBatch {
  const r = decodeZipkinV2Json(body);
  assert.deepEqual([r.rejected, r.problems], [0, []]);
  return r.batch;
}

function normalizeOnly(batch: TraceBatch, overrides: Partial<IstioConfig> = {}): FoundSpan {
  createMeshNormalizer(istioConfig(overrides)).normalize(batch);
  const spans = allSpans(batch);
  assert.equal(spans.length, 1);
  return spans[0] as FoundSpan;
}

void describe('istio processor on the Zipkin fixtures', () => {
  void test('Istio sidecar SERVER span (excerpt istio-pr-42104), canonical mode: every field as expected', () => {
    const { span, resource } = normalizeOnly(decodeV2(excerpt('istio-pr-42104-otel-provider-server-span.excerpt.json')));
    assert.equal(span.traceId, 'b72c4f57c2cf8dc73df8ea734dcc1481');
    assert.equal(span.spanId, '266fd6ae4b9bb617');
    assert.equal(span.parentSpanId, '6f5703b3bf77bc1d');
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.name, 'ingress');
    assert.equal(span.startTimeUnixNano, 1669102679177576n * 1000n);
    assert.equal(span.endTimeUnixNano - span.startTimeUnixNano, 1399n * 1000n);
    assert.equal(resource.get('service.name'), 'httpbin');
    assert.equal(resource.get('service.namespace'), 'default');
    assert.equal(resource.get('k8s.namespace.name'), 'default');
    assert.equal(resource.get('service.version'), 'v1');
    assert.equal(resource.get('k8s.pod.name'), 'httpbin-847f64cc8d-982r2');
    assert.equal(resource.get('k8s.pod.ip'), '10.244.0.46');
    const a = span.attributes;
    assert.equal(a.get('http.request.method'), 'GET');
    assert.equal(a.get('http.response.status_code'), 200n);
    assert.equal(a.get('url.full'), 'http://httpbin.default:8000/ip');
    assert.equal(a.get('network.protocol.version'), '1.1');
    assert.equal(a.get('network.peer.address'), '10.244.0.47');
    assert.equal(a.get('http.request.body.size'), 0n);
    assert.equal(a.get('http.response.body.size'), 28n);
    assert.equal(a.get('istio.direction'), 'inbound');
    assert.equal(a.get('istio.destination.port'), 80n);
    assert.equal(a.get(TELEMETRY_SOURCE), 'envoy');
    assert.equal(a.get(SPAN_ORIGIN), 'proxy');
    assert.equal(a.has('downstream_cluster'), false);
    assert.equal(a.has('response_flags'), false);
    assert.deepEqual(span.status, { code: StatusCode.UNSET, message: '' });
    assert.equal(a.get(ZIPKIN_LOCAL_SERVICE_NAME), 'httpbin.default');
    assert.equal(a.get('http.request.header.x-request-id')?.toString(), '233128f2-8a20-929e-bf22-843422da5bde');
    for (const k of ['http.method', 'http.status_code', 'http.url', 'http.protocol', 'peer.address', 'request_size', 'response_size', 'upstream_cluster', 'upstream_cluster.name', 'guid:x-request-id', 'node_id', 'istio.canonical_service', 'istio.namespace']) {
      assert.equal(a.has(k), false, k);
    }
  });

  void test('the same span in zipkin-compatible mode keeps service.name httpbin.default', () => {
    const { span, resource } = normalizeOnly(decodeV2(excerpt('istio-pr-42104-otel-provider-server-span.excerpt.json')), { service_name_source: 'zipkin' });
    assert.equal(resource.get('service.name'), 'httpbin.default');
    assert.equal(span.attributes.has(ZIPKIN_LOCAL_SERVICE_NAME), false);
  });

  void test('excerpt istio-pr-51072, server span: new inbound cluster form, cluster id, user agent', () => {
    const { span, resource } = normalizeOnly(decodeV2(excerpt('istio-pr-51072-otel-provider-server-span.excerpt.json')));
    assert.equal(resource.get('service.name'), 'httpbin');
    assert.equal(resource.get('k8s.cluster.name'), 'Kubernetes');
    assert.equal(resource.get('istio.mesh_id'), 'cluster.local');
    assert.equal(resource.get('k8s.pod.name'), 'httpbin-86b8ffc5ff-6l4k5');
    assert.equal(span.attributes.get('user_agent.original'), 'curl/8.7.1');
    assert.equal(span.attributes.get('istio.destination.port'), 8080n);
    assert.equal(span.attributes.get('http.response.body.size'), 533n);
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.attributes.has(ZIPKIN_KIND_REPAIRED), false);
  });

  void test('zipkin-lens envoy.json: root SERVER loses the bogus shared flag, gets unknown_service, keeps its plain cluster name', () => {
    const { span, resource } = normalizeOnly(decodeV2(fixture('openzipkin-zipkin', 'zipkin-lens-testdata', 'envoy.json')));
    assert.equal(span.spanId, '978883983d506fa5');
    assert.equal(span.parentSpanId, '');
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.attributes.has(ZIPKIN_SHARED), false);
    assert.equal(resource.get('service.name'), 'unknown_service');
    assert.equal(span.attributes.get('upstream_cluster'), 'service_google');
    assert.equal(span.attributes.has('istio.direction'), false);
    assert.equal(span.attributes.get('url.full'), 'http://www.google.com/');
    assert.equal(span.attributes.get('server.address'), 'www.google.com');
    assert.equal(span.attributes.get('http.response.body.size'), 67342n);
    assert.equal(span.attributes.get(TELEMETRY_SOURCE), 'envoy');
    assert.equal(span.attributes.has('downstream_cluster'), false);
  });

  void test('excerpt otel-collector-issue-572, Envoy 1.13 span: service name kept, same resource, root shared flag dropped', () => {
    const batch = decodeV2(excerpt('otel-collector-issue-572-envoy-1.13-server-span.excerpt.json'));
    const resourceBefore = batch.resourceSpans[0]?.resource;
    const { span, resource } = normalizeOnly(batch);
    assert.equal(batch.resourceSpans[0]?.resource, resourceBefore);
    assert.deepEqual(Object.fromEntries(resource), { 'service.name': 'echocall1' });
    assert.equal(span.attributes.has(ZIPKIN_SHARED), false);
    assert.equal(span.attributes.get('http.request.method'), 'GET');
    assert.equal(span.attributes.get('user_agent.original')?.toString().startsWith('Mozilla/5.0'), true);
  });

  void test('excerpt envoy-issue-22944, sandbox span (no component tag in the excerpt): not a sidecar span, but its shared SERVER id is split from its client', () => {
    const batch = decodeV2(excerpt('envoy-issue-22944-sandbox-server-span.excerpt.json'));
    const tagsBefore = new Map(allSpans(batch)[0]?.span.attributes);
    const { span } = normalizeOnly(batch);
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.spanId, sharedServerSpanId('00000000000000004865575b60739ef9', '99a2e42466ec967f', 'envoy-proxy-1'));
    assert.equal(span.parentSpanId, '99a2e42466ec967f');
    assert.equal(span.attributes.get(ZIPKIN_ORIGINAL_SPAN_ID), '99a2e42466ec967f');
    assert.equal(span.attributes.get(ZIPKIN_SHARED), true);
    for (const k of ['response_flags', 'upstream_cluster', 'peer.address']) assert.equal(span.attributes.get(k), tagsBefore.get(k), k);
    assert.equal(span.attributes.has(SPAN_ORIGIN), false);
  });

  void test('excerpt envoy-issue-23475 (trace id cut from the excerpt, so added here): root shared SERVER loses the flag only', () => {
    const raw = JSON.parse(excerpt('envoy-issue-23475-envoy-1.22-server-span.excerpt.json').toString()) as Array<Record<string, unknown>>;
    assert.equal(decodeZipkinV2Json(JSON.stringify(raw)).rejected, 1);
    const first = raw[0] as Record<string, unknown>;
    first.traceId = first.id;
    const batch = decodeV2(JSON.stringify(raw));
    const before = cloneBatch(batch);
    const { span } = normalizeOnly(batch);
    assert.equal(span.attributes.has(ZIPKIN_SHARED), false);
    before.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.delete(ZIPKIN_SHARED);
    assert.deepEqual(batch, before);
  });

  void test('excerpts envoy-issue-31045 (root CLIENT without tags) and envoy-issue-1414 (v1 span without component): untouched', () => {
    const v2 = decodeV2(excerpt('envoy-issue-31045-sandbox-client-root-span.excerpt.json'));
    const v2Before = cloneBatch(v2);
    normalizeOnly(v2);
    assert.deepEqual(v2, v2Before);
    const v1 = decodeZipkinV1Json(excerpt('envoy-issue-1414-v1-client-span.excerpt.json'));
    assert.equal(v1.rejected, 0);
    assert.equal(allSpans(v1.batch)[0]?.span.attributes.get('node_id'), 'service-a-1');
    const v1Before = cloneBatch(v1.batch);
    normalizeOnly(v1.batch);
    assert.deepEqual(v1.batch, v1Before);
  });

  void test('with every rule off, every fixture passes through unchanged', () => {
    const off: Partial<IstioConfig> = { span_kind: false, service_name: false, resource_attributes: false, peer_service: false, semantic_conventions: false, trace_id_upgrade: false, shared_span_ids: false, mark_proxy_spans: false };
    const files = [
      ['openzipkin-zipkin', 'zipkin-lens-testdata', 'envoy.json'],
      ['issue-excerpts', 'istio-pr-42104-otel-provider-server-span.excerpt.json'],
      ['issue-excerpts', 'istio-pr-51072-otel-provider-server-span.excerpt.json'],
      ['issue-excerpts', 'otel-collector-issue-572-envoy-1.13-server-span.excerpt.json'],
      ['issue-excerpts', 'envoy-issue-22944-sandbox-server-span.excerpt.json'],
      ['issue-excerpts', 'envoy-issue-31045-sandbox-client-root-span.excerpt.json'],
    ];
    for (const parts of files) {
      const batch = decodeV2(fixture(...parts));
      const before = cloneBatch(batch);
      normalizeOnly(batch, off);
      assert.deepEqual(batch, before, parts.join('/'));
    }
  });
});
