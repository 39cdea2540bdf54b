// X-Ray both ways, end to end: Istio-style Zipkin -> Spanbridge A (zipkin -> istio -> awsxray exporter) -> Spanbridge B
// (awsxray receiver's X-Ray API, written to and read from its store) -> Spanbridge C (awsxray_poller -> otlphttp) ->
// an OTLP sink (an `otlp` receiver collecting batches). The original trace id and every span must come out intact,
// although A's exporter rewrites the id's epoch for X-Ray (docs/xray-mapping.md, "The epoch fix").
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { startSpanbridge, type RunningSpanbridge } from '../../app/startSpanbridge.js';
import { forEachSpan } from '../../model/batch.js';
import type { Span } from '../../model/span.js';
import { eventually } from '../../../test/xray/poller/pollerHarness.js';
import { istioSidecarSpan } from '../../../test/support/istioSidecarSpan.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';


// An id whose epoch (0x5f0d3e1a, 2020) X-Ray would refuse: A rewrites it, C must give the original back.
const TRACE = '5f0d3e1a9b7c4d2e8f6a1b3c5d7e9f01';
const KEYS = { id: 'AKIDSPANBRIDGEE2E', secret: 'spanbridge-e2e-secret' };

/** productpage -> reviews -> ratings as Envoy sidecars report them over Zipkin (docs/zipkin-mesh.md): CLIENT kind
 * everywhere, upstream_cluster inbound|/outbound|, istio.* tags. */
function istioSpans(nowMicros: number) {
  const sidecar = (id: string, parentId: string | undefined, cluster: string, service: string, offset: number, duration: number, status: string) =>
    istioSidecarSpan({ traceId: TRACE, id, ...(parentId ? { parentId } : {}), cluster, service, status, timestampMicros: nowMicros + offset, durationMicros: duration });
  return [
    sidecar('a000000000000001', undefined, 'inbound|9080||', 'productpage', 0, 9000, '200'),
    sidecar('a000000000000002', 'a000000000000001', 'outbound|9080||reviews.default.svc.cluster.local', 'productpage', 500, 7000, '200'),
    sidecar('a000000000000003', 'a000000000000002', 'inbound|9080||', 'reviews', 800, 6000, '200'),
    sidecar('a000000000000004', 'a000000000000003', 'outbound|9080||ratings.default.svc.cluster.local', 'reviews', 1000, 3000, '503'),
    sidecar('a000000000000005', 'a000000000000004', 'inbound|9080||', 'ratings', 1200, 2500, '503'),
  ];
}

describe('Zipkin (Istio) -> A awsxray exporter -> B X-Ray API -> C awsxray_poller -> OTLP', () => {
  const logger = pino({ level: 'silent' });
  let dir: string;
  let sink: TestReceiver;
  const running: RunningSpanbridge[] = [];
  let zipkinUrl: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spanbridge-xray-e2e-'));
    sink = await startTestReceiver();
    const metrics = `
  telemetry:
    metrics:
      address: 127.0.0.1:0`;
    const b = await startSpanbridge({
      source: 'b.yaml',
      logger,
      configText: `
receivers:
  awsxray:
    endpoint: 127.0.0.1:0
    api:
      endpoint: 127.0.0.1:0
      auth: { access_key_id: ${KEYS.id}, secret_access_key: ${KEYS.secret} }
exporters:
  store: {}
storage:
  sqlite:
    path: ${join(dir, 'b', 'traces.db')}
service:
  pipelines:
    traces:
      receivers: [awsxray]
      exporters: [store]${metrics}
`,
    });
    running.push(b);
    const xrayApi = `http://${b.service.endpoints('awsxray').http ?? ''}`;
    const c = await startSpanbridge({
      source: 'c.yaml',
      logger,
      configText: `
receivers:
  awsxray_poller:
    endpoint: ${xrayApi}
    aws_access_key_id: ${KEYS.id}
    aws_secret_access_key: ${KEYS.secret}
    polling_interval: 100ms
    settle_delay: 0s
    overlap: 1m
    max_replay: 10m
    backoff: { initial_interval: 10ms, max_interval: 200ms }
    checkpoint:
      sqlite:
        path: ${join(dir, 'c', 'poller.db')}
exporters:
  otlphttp:
    endpoint: ${sink.httpBaseUrl}
service:
  pipelines:
    traces:
      receivers: [awsxray_poller]
      exporters: [otlphttp]${metrics}
`,
    });
    running.push(c);
    const a = await startSpanbridge({
      source: 'a.yaml',
      logger,
      configText: `
receivers:
  zipkin:
    endpoint: 127.0.0.1:0
processors:
  istio: {}
exporters:
  awsxray:
    endpoint: ${xrayApi}
    aws_access_key_id: ${KEYS.id}
    aws_secret_access_key: ${KEYS.secret}
service:
  pipelines:
    traces:
      receivers: [zipkin]
      processors: [istio]
      exporters: [awsxray]${metrics}
`,
    });
    running.push(a);
    zipkinUrl = `http://${a.service.endpoints('zipkin').http ?? ''}/api/v2/spans`;
  });

  after(async () => {
    for (const r of running.reverse()) await r.shutdown();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the original trace id and every span arrive at the OTLP sink, once', async () => {
    const sent = istioSpans(Date.now() * 1000 - 2_000_000);
    const res = await fetch(zipkinUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent) });
    assert.equal(res.status, 202, await res.text());

    const received = () => {
      const spans: Span[] = [];
      for (const b of sink.received) forEachSpan(b, (s) => spans.push(s));
      return spans;
    };
    await eventually('every span reached the sink', () => received().length >= sent.length, 60_000);
    const spans = received();
    assert.deepEqual(spans.map((s) => s.spanId).sort(), sent.map((s) => s.id).sort(), 'every span exactly once');
    for (const s of spans) {
      assert.equal(s.traceId, TRACE, 'the original trace id is restored');
      const z = sent.find((x) => x.id === s.spanId);
      assert.equal(s.parentSpanId, z?.parentId ?? '', `parent of ${s.spanId}`);
      assert.equal(s.startTimeUnixNano, BigInt(z?.timestamp ?? 0) * 1000n, `start of ${s.spanId}`);
      assert.equal(s.endTimeUnixNano - s.startTimeUnixNano, BigInt(z?.duration ?? 0) * 1000n, `duration of ${s.spanId}`);
    }
    const ratings = spans.find((s) => s.spanId === 'a000000000000005');
    assert.equal(ratings?.attributes.get('http.response.status_code'), 503n);
    assert.equal(ratings?.status.code, 2, 'the 503 stays an error');
    const c = running[1] as RunningSpanbridge;
    const text = await c.telemetry.registry.metrics();
    assert.match(text, /spanbridge_receiver_accepted_spans_total\{receiver="awsxray_poller",transport="poll"\} 5/);
  });
});
