// The FSM variant of the demo mesh (docs/zipkin-mesh.md, "Sidecar spans from FSM") against the pipeline's own
// receivers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { SpanKind } from '../model/span.js';
import type { DemoStats } from './demoMeshOptions.js';
import { startDemoMesh } from './startDemoMesh.js';
import { startMeshCollector, type CollectedSpan, type MeshCollector } from '../../test/demo/startMeshCollector.js';
import { attr, byTrace, childrenOf, isInbound } from '../../test/demo/traceQueries.js';

const REQUESTS = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('startDemoMesh (fsm)', () => {
  let collector: MeshCollector;
  let stats: DemoStats;
  let spans: CollectedSpan[];
  let proxy: CollectedSpan[];

  before(async () => {
    collector = await startMeshCollector();
    const mesh = await startDemoMesh({
      zipkinUrl: collector.zipkinUrl,
      otlpUrl: collector.otlpUrl,
      mesh: 'fsm',
      rate: 24,
      durationMillis: 500,
      errorRate: 0.25,
      flushIntervalMillis: 200,
      logger: pino({ level: 'silent' }),
    });
    await mesh.finished;
    await mesh.stop();
    stats = mesh.stats();
    spans = collector.spans();
    proxy = spans.filter((s) => s.via === 'zipkin');
  });
  after(() => collector.close());

  test('every request is one trace of app and sidecar spans', () => {
    assert.equal(stats.requests, REQUESTS);
    assert.equal(stats.zipkin.sent, proxy.length);
    const traces = byTrace(spans);
    assert.equal(traces.size, REQUESTS);
    for (const [, trace] of traces) assert.ok(trace.some((s) => s.via === 'zipkin') && trace.some((s) => s.via === 'otlp'));
  });

  test('sidecar spans have FSM shape: 32-hex span ids, service account names, pod UID node_id, FSM clusters', () => {
    for (const s of proxy) {
      const service = s.service.replace(/^bookinfo-/, '');
      assert.match(s.service, /^bookinfo-(productpage|details|reviews|ratings)$/);
      const original = attr(s, 'zipkin.original_span_id') ?? '';
      assert.match(original, /^[0-9a-f]{32}$/, 'FSM span ids are UUIDs without dashes');
      assert.equal(s.span.spanId, original.slice(-16));
      assert.equal(attr(s, 'component'), 'proxy');
      assert.match(attr(s, 'node_id') ?? '', UUID);
      assert.equal(s.span.name, `${attr(s, 'http.url')?.split('/')[2]}`);
      assert.match(attr(s, 'peer.address') ?? '', /^10\.244\.0\.\d+:9080$/);
      assert.equal(s.span.events.length, 0);
      if (isInbound(s)) {
        assert.equal(s.span.kind, SpanKind.SERVER);
        assert.equal(s.span.attributes.get('zipkin.shared'), true);
        assert.equal(attr(s, 'upstream_cluster'), `default/${service}|9080|local`);
      } else {
        assert.equal(s.span.kind, SpanKind.CLIENT);
        assert.equal(s.span.attributes.has('zipkin.shared'), false);
        assert.match(attr(s, 'upstream_cluster') ?? '', /^default\/(details|reviews|ratings)\|9080$/);
      }
    }
  });

  test('productpage is entered without a sampled header, so its app SERVER span is the root', () => {
    const roots = spans.filter((s) => s.span.parentSpanId === '');
    assert.equal(roots.length, REQUESTS);
    assert.ok(roots.every((s) => s.via === 'otlp' && s.service === 'productpage' && s.span.kind === SpanKind.SERVER));
    assert.ok(!proxy.some((s) => s.service === 'bookinfo-productpage' && isInbound(s)));
  });

  test('parents: caller app CLIENT -> outbound CLIENT and the shared inbound SERVER (same id) -> callee app SERVER', () => {
    const clients = spans.filter((s) => s.via === 'otlp' && s.span.kind === SpanKind.CLIENT);
    assert.ok(clients.length >= REQUESTS * 2);
    for (const client of clients) {
      const callee = attr(client, 'server.address');
      const hop = childrenOf(spans, client);
      const outbound = hop.find((s) => !isInbound(s));
      const inbound = hop.find((s) => isInbound(s));
      assert.equal(hop.length, 2, 'B3 shared span: both sidecar halves have the app CLIENT as parent');
      assert.ok(outbound && inbound);
      assert.equal(outbound.service, `bookinfo-${client.service}`);
      assert.equal(inbound.service, `bookinfo-${callee}`);
      assert.equal(inbound.span.spanId, outbound.span.spanId);
      assert.equal(attr(inbound, 'zipkin.original_span_id'), attr(outbound, 'zipkin.original_span_id'));
      const server = spans.filter((s) => s.via === 'otlp' && s.span.parentSpanId === inbound.span.spanId);
      assert.deepEqual(server.map((s) => [s.service, s.span.kind]), [[callee, SpanKind.SERVER]]);
    }
  });

  test('injected errors show as 500 on the ratings sidecar spans', () => {
    const failed = proxy.filter((s) => s.service === 'bookinfo-ratings' && attr(s, 'http.status_code') === '500');
    assert.equal(failed.length, stats.faults.ratingsErrors);
    assert.equal(stats.faults.ratingsErrors, (REQUESTS * 2) / 3 / 4);
  });
});
