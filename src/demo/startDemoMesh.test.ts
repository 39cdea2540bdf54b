// The Istio demo mesh end to end against the pipeline's own Zipkin and OTLP receivers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { SpanKind, StatusCode } from '../model/span.js';
import type { DemoStats } from './demoMeshOptions.js';
import { startDemoMesh } from './startDemoMesh.js';
import { startMeshCollector, type CollectedSpan, type MeshCollector } from '../../test/demo/startMeshCollector.js';
import { attr, byTrace, childrenOf, isInbound } from '../../test/demo/traceQueries.js';

const RATE = 30;
const DURATION_MILLIS = 1000;
const REQUESTS = 30;
const DELAY_MILLIS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('startDemoMesh (istio)', () => {
  let collector: MeshCollector;
  let stats: DemoStats;
  let spans: CollectedSpan[];
  let proxy: CollectedSpan[];
  let app: CollectedSpan[];
  const progress: string[] = [];

  before(async () => {
    collector = await startMeshCollector();
    const mesh = await startDemoMesh({
      zipkinUrl: collector.zipkinUrl,
      otlpUrl: collector.otlpUrl,
      rate: RATE,
      durationMillis: DURATION_MILLIS,
      errorRate: 0.5,
      delayMillis: DELAY_MILLIS,
      flushIntervalMillis: 200,
      progressIntervalMillis: 200,
      logger: pino({ level: 'silent' }),
      onProgress: (line) => progress.push(line),
    });
    assert.match(mesh.productpageUrl, /^http:\/\/127\.0\.0\.1:\d+\/productpage$/);
    await mesh.finished;
    await mesh.stop();
    stats = mesh.stats();
    spans = collector.spans();
    proxy = spans.filter((s) => s.via === 'zipkin');
    app = spans.filter((s) => s.via === 'otlp');
  });
  after(() => collector.close());

  test('sends rate x duration requests, all answered, and delivers every span it made', () => {
    assert.equal(stats.requests, REQUESTS);
    assert.equal(stats.errors, 0, 'productpage degrades gracefully when ratings fails');
    assert.equal(stats.inFlight, 0);
    assert.equal(stats.zipkin.sent, proxy.length);
    assert.equal(stats.otlp.sent, app.length);
    assert.deepEqual({ dropped: stats.zipkin.dropped, failed: stats.zipkin.failed, otlp: stats.otlp.failed }, { dropped: 0, failed: 0, otlp: 0 });
    assert.equal(byTrace(spans).size, REQUESTS, 'one trace per request, sampled at 100%');
    assert.match(progress.at(-1) ?? '', new RegExp(`^requests ${REQUESTS} .*errors 0 .*p50 [\\d.]+ ms, p99 [\\d.]+ ms`));
  });

  test('sidecar spans are istio-proxy Zipkin spans: kind CLIENT, 128-bit ids, the Istio tag set', () => {
    assert.ok(proxy.length > 0);
    for (const s of proxy) {
      const service = s.service.replace(/\.default$/, '');
      assert.match(s.service, /^(productpage|details|reviews|ratings)\.default$/);
      assert.equal(s.span.kind, SpanKind.CLIENT);
      assert.match(s.span.traceId, /^[0-9a-f]{32}$/);
      assert.doesNotMatch(s.span.traceId, /^0{16}/);
      assert.equal(attr(s, 'component'), 'proxy');
      assert.match(attr(s, 'node_id') ?? '', new RegExp(`^sidecar~10\\.244\\.0\\.\\d+~${service}-v[123]-[a-z0-9]{10}-[a-z0-9]{5}\\.default~default\\.svc\\.cluster\\.local$`));
      assert.match(attr(s, 'guid:x-request-id') ?? '', UUID);
      assert.equal(attr(s, 'istio.canonical_service'), service);
      assert.match(attr(s, 'istio.canonical_revision') ?? '', /^v[123]$/);
      assert.equal(attr(s, 'istio.namespace'), 'default');
      assert.equal(attr(s, 'istio.mesh_id'), 'cluster.local');
      assert.equal(attr(s, 'http.method'), 'GET');
      assert.equal(attr(s, 'http.protocol'), 'HTTP/1.1');
      assert.match(attr(s, 'http.url') ?? '', /^http:\/\/(productpage|details|reviews|ratings):9080\//);
      assert.match(attr(s, 'http.status_code') ?? '', /^(200|500)$/);
      assert.equal(attr(s, 'response_flags'), '-');
      assert.equal(attr(s, 'downstream_cluster'), '-');
      assert.match(attr(s, 'peer.address') ?? '', /^(10\.244\.0\.\d+|127\.0\.0\.1)$/);
      assert.match(attr(s, 'request_size') ?? '', /^\d+$/);
      assert.match(attr(s, 'response_size') ?? '', /^[1-9]\d*$/);
      assert.ok(attr(s, 'user_agent'));
      const cluster = attr(s, 'upstream_cluster') ?? '';
      if (isInbound(s)) {
        assert.equal(cluster, `inbound|9080||${service}.default.svc.cluster.local`);
        assert.match(s.span.name, new RegExp(`^${service}\\.default\\.svc\\.cluster\\.local:9080(/\\*|/productpage)$`));
      } else {
        assert.match(cluster, /^outbound\|9080\|v[123]\|(details|reviews|ratings)\.default\.svc\.cluster\.local$/);
      }
    }
  });

  test('proxy and app spans of one request share one trace id and one x-request-id', () => {
    const requestIds = new Set<string>();
    for (const [, trace] of byTrace(spans)) {
      assert.ok(trace.some((s) => s.via === 'zipkin') && trace.some((s) => s.via === 'otlp'));
      const ids = new Set(trace.filter((s) => s.via === 'zipkin').map((s) => attr(s, 'guid:x-request-id')));
      assert.equal(ids.size, 1);
      requestIds.add([...ids][0] ?? '');
    }
    assert.equal(requestIds.size, REQUESTS);
  });

  test('parents: productpage sidecar (root) -> app SERVER; caller app CLIENT -> outbound sidecar -> inbound sidecar -> callee app SERVER', () => {
    const roots = spans.filter((s) => s.span.parentSpanId === '');
    assert.equal(roots.length, REQUESTS);
    for (const root of roots) {
      assert.equal(root.service, 'productpage.default');
      assert.ok(isInbound(root));
      const server = childrenOf(spans, root);
      assert.deepEqual(server.map((s) => [s.via, s.service, s.span.kind]), [['otlp', 'productpage', SpanKind.SERVER]]);
    }
    const clients = app.filter((s) => s.span.kind === SpanKind.CLIENT);
    // productpage calls details and reviews; reviews v2 and v3 call ratings.
    assert.equal(clients.length, REQUESTS * 2 + (REQUESTS * 2) / 3);
    for (const client of clients) {
      const callee = attr(client, 'server.address') ?? '';
      const [outbound, ...extraOut] = childrenOf(spans, client);
      assert.ok(outbound && extraOut.length === 0, 'one outbound sidecar span per app call');
      assert.equal(outbound.via, 'zipkin');
      assert.equal(outbound.service, `${client.service}.default`);
      assert.ok(attr(outbound, 'upstream_cluster')?.startsWith('outbound|9080|'));
      assert.ok(attr(outbound, 'upstream_cluster')?.endsWith(`|${callee}.default.svc.cluster.local`));
      const [inbound, ...extraIn] = childrenOf(spans, outbound);
      assert.ok(inbound && extraIn.length === 0, 'one inbound sidecar span per hop');
      assert.equal(inbound.via, 'zipkin');
      assert.equal(inbound.service, `${callee}.default`);
      assert.ok(isInbound(inbound));
      assert.equal(inbound.span.name, outbound.span.name, 'both sidecars of a hop use the route decorator name');
      assert.equal(attr(inbound, 'istio.canonical_revision'), attr(outbound, 'upstream_cluster')?.split('|')[2]);
      const [server, ...extraServer] = childrenOf(spans, inbound);
      assert.ok(server && extraServer.length === 0);
      assert.deepEqual([server.via, server.service, server.span.kind], ['otlp', callee, SpanKind.SERVER]);
    }
  });

  test('app spans keep sub-millisecond start and end times and lie within the inbound sidecar span they are children of', () => {
    const ms = 1_000_000n;
    // With whole-millisecond times every value would be a multiple of 1 ms; with microseconds, a few hundred of them
    // all being so is a chance of one in 1000 to the power of their number.
    assert.ok(app.some((s) => s.span.startTimeUnixNano % ms !== 0n), 'start times below the millisecond');
    assert.ok(app.some((s) => s.span.endTimeUnixNano % ms !== 0n), 'end times below the millisecond');
    const servers = app.filter((s) => s.span.kind === SpanKind.SERVER);
    assert.equal(servers.length, REQUESTS * 3 + (REQUESTS * 2) / 3);
    for (const server of servers) {
      const inbound = proxy.find((p) => p.span.traceId === server.span.traceId && p.span.spanId === server.span.parentSpanId);
      assert.ok(inbound && isInbound(inbound));
      assert.ok(server.span.startTimeUnixNano >= inbound.span.startTimeUnixNano, `${server.service} starts ${inbound.span.startTimeUnixNano - server.span.startTimeUnixNano} ns before its sidecar`);
      assert.ok(server.span.endTimeUnixNano <= inbound.span.endTimeUnixNano, `${server.service} ends after its sidecar`);
    }
  });

  test('reviews round-robins v1, v2, v3; v1 never calls ratings, v2 and v3 always do', () => {
    const perVersion = new Map<string, number>();
    for (const [, trace] of byTrace(spans)) {
      const reviews = trace.find((s) => s.via === 'zipkin' && s.service === 'reviews.default' && isInbound(s));
      const version = reviews ? attr(reviews, 'istio.canonical_revision') : undefined;
      assert.ok(version);
      perVersion.set(version, (perVersion.get(version) ?? 0) + 1);
      const ratings = trace.filter((s) => s.service.startsWith('ratings'));
      if (version === 'v1') assert.equal(ratings.length, 0);
      else assert.deepEqual(ratings.map((s) => s.via).sort(), ['otlp', 'zipkin']);
    }
    assert.deepEqual(Object.fromEntries(perVersion), { v1: REQUESTS / 3, v2: REQUESTS / 3, v3: REQUESTS / 3 });
  });

  test('injected faults: ratings answers 500 on every second call, seen on the sidecar and app spans of the hop', () => {
    const ratingsCalls = (REQUESTS * 2) / 3;
    assert.equal(stats.faults.ratingsErrors, ratingsCalls / 2);
    const failedInbound = proxy.filter((s) => s.service === 'ratings.default' && attr(s, 'http.status_code') === '500');
    assert.equal(failedInbound.length, ratingsCalls / 2);
    for (const s of failedInbound) {
      assert.equal(attr(s, 'error'), undefined, 'the error tag is consumed into the status');
      assert.equal(s.span.status.code, StatusCode.ERROR);
    }
    const failedOutbound = proxy.filter((s) => s.service === 'reviews.default' && !isInbound(s) && attr(s, 'http.status_code') === '500');
    assert.equal(failedOutbound.length, ratingsCalls / 2);
    const failedServer = app.filter((s) => s.service === 'ratings' && s.span.status.code === StatusCode.ERROR);
    assert.equal(failedServer.length, ratingsCalls / 2);
    assert.ok(failedServer.every((s) => s.span.attributes.get('http.response.status_code') === 500n));
    const failedClient = app.filter((s) => s.service === 'reviews' && s.span.kind === SpanKind.CLIENT && s.span.status.code === StatusCode.ERROR);
    assert.equal(failedClient.length, ratingsCalls / 2);
    assert.ok(proxy.filter((s) => s.service === 'ratings.default' && attr(s, 'http.status_code') === '200').every((s) => s.span.status.code === StatusCode.UNSET));
  });

  test('reviews v3 answers are delayed by --delay', () => {
    const v3 = app.filter((s) => s.service === 'reviews' && s.span.kind === SpanKind.SERVER && s.resource.get('service.version') === 'v3');
    assert.equal(v3.length, REQUESTS / 3);
    assert.equal(stats.faults.reviewsDelays, REQUESTS / 3);
    // Timers may fire up to 1 ms early by rounding.
    for (const s of v3) assert.ok(s.span.endTimeUnixNano - s.span.startTimeUnixNano >= BigInt((DELAY_MILLIS - 1) * 1e6));
  });
});
