// End to end through the real CLI: an Istio sidecar span posted to the Zipkin receiver leaves the otlphttp
// exporter normalized (kind from upstream_cluster, service.name from istio.canonical_service, current semconv).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { forEachSpan } from '../model/batch.js';
import { SpanKind, type Attributes, type Span, type TraceBatch } from '../model/span.js';
import { istioSidecarSpan } from '../../test/support/istioSidecarSpan.js';
import { postRaw } from '../../test/support/postRaw.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';
import { startOtlpSink, type OtlpSink } from '../../test/support/otlpSink.js';

const TRACE = '5f0d3e1a9b7c4d2e8f6a1b3c5d7e9f01';
const now = Date.now() * 1000;
const sidecar = (id: string, parentId: string | undefined, cluster: string, service: string, status: string) =>
  istioSidecarSpan({ traceId: TRACE, id, ...(parentId ? { parentId } : {}), cluster, service, status, timestampMicros: now, durationMicros: 1500 });

function spans(batches: TraceBatch[]): Array<{ span: Span; resource: Attributes }> {
  const out: Array<{ span: Span; resource: Attributes }> = [];
  for (const b of batches) forEachSpan(b, (span, rs) => out.push({ span, resource: rs.resource.attributes }));
  return out;
}

describe('zipkin -> istio -> otlphttp through the CLI', () => {
  let sink: OtlpSink;
  let cli: CliProcess;
  before(async () => {
    sink = await startOtlpSink();
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-e2e-'));
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `
receivers:
  zipkin:
    endpoint: 127.0.0.1:0
    max_request_body_size: 65536
    max_decompressed_body_size: 1048576
processors:
  istio: {}
  batch:
    timeout: 20ms
exporters:
  otlphttp:
    endpoint: ${sink.url}
    headers:
      x-tenant: e2e
service:
  pipelines:
    traces:
      receivers: [zipkin]
      processors: [istio, batch]
      exporters: [otlphttp]
  telemetry:
    metrics:
      address: 127.0.0.1:0
`,
    );
    cli = await startCli(['--config', config]);
  });
  after(async () => {
    await cli?.stop();
    await sink?.close();
  });

  test('inbound sidecar span leaves as SERVER of productpage; outbound as CLIENT with peer.service', async () => {
    const zipkin = `http://${cli.receivers.zipkin?.http}`;
    const body = [
      sidecar('0000000000000a01', undefined, 'inbound|9080|http|productpage.default.svc.cluster.local', 'productpage', '200'),
      sidecar('0000000000000a02', '0000000000000a01', 'outbound|9080|v2|reviews.default.svc.cluster.local', 'productpage', '503'),
    ];
    const res = await fetch(`${zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 202);
    await sink.waitFor((b) => spans(b).length >= 2);
    const got = spans(sink.batches);
    const inbound = got.find((s) => s.span.spanId === '0000000000000a01');
    const outbound = got.find((s) => s.span.spanId === '0000000000000a02');
    assert.ok(inbound && outbound);
    assert.equal(inbound.span.kind, SpanKind.SERVER);
    assert.equal(inbound.resource.get('service.name'), 'productpage');
    assert.equal(inbound.span.attributes.get('http.request.method'), 'GET');
    assert.equal(inbound.span.attributes.get('http.response.status_code'), 200n);
    assert.equal(inbound.span.attributes.has('http.method'), false);
    assert.equal(inbound.span.attributes.get('spanbridge.span.origin'), 'proxy');
    assert.equal(outbound.span.kind, SpanKind.CLIENT);
    assert.equal(outbound.span.attributes.get('peer.service'), 'reviews');
    assert.equal(outbound.span.attributes.get('http.response.status_code'), 503n);
    assert.equal(outbound.span.status.code, 2);
    assert.equal(sink.headers[0]?.['x-tenant'], 'e2e');
  });

  test('malformed and oversized input get 400/413 with a message, and the receiver keeps serving', async () => {
    const zipkin = `http://${cli.receivers.zipkin?.http}`;
    const bad = await fetch(`${zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"traceId": ' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /JSON|parse|malformed/i);
    // Small enough to sit in socket buffers, so the early 413 is read rather than cut off by EPIPE.
    const huge = await postRaw(`${zipkin}/api/v2/spans`, 'x'.repeat(100 * 1024), { 'content-type': 'application/json' });
    assert.equal(huge.status, 413);
    const bomb = await postRaw(`${zipkin}/api/v2/spans`, gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(bomb.status, 413);
    assert.match(bomb.text, /decompressed/);
    const ok = await fetch(`${zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    assert.equal(ok.status, 202);
    const metrics = await (await fetch(`http://${cli.telemetryAddress}/metrics`)).text();
    assert.match(metrics, /spanbridge_receiver_refused_spans_total\{receiver="zipkin",transport="http",code="SB_MALFORMED"\} [1-9]/);
    assert.match(metrics, /spanbridge_receiver_refused_spans_total\{receiver="zipkin",transport="http",code="SB_TOO_LARGE"\} [1-9]/);
  });

  test('SIGTERM flushes and exits 0', async () => {
    assert.equal(await cli.stop('SIGTERM'), 0);
  });
});
