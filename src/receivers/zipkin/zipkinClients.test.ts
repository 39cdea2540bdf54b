// Real Zipkin clients over loopback: zipkin-js (Tracer + zipkin-transport-http, v1 and v2 JSON) and the OpenTelemetry
// JS Zipkin exporter.
import assert from 'node:assert/strict';
import type { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { SpanKind as OtelSpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import zipkin from 'zipkin';
import { HttpLogger } from 'zipkin-transport-http';
import { forEachSpan } from '../../model/batch.js';
import { SpanKind, StatusCode, type Resource, type Span, type TraceBatch } from '../../model/span.js';
import { createCollectingConsumer, startTestReceiver } from '../../../test/receivers/zipkin/testReceiver.js';

function spansOf(batches: TraceBatch[]): Array<{ resource: Resource; span: Span }> {
  const out: Array<{ resource: Resource; span: Span }> = [];
  for (const b of batches) forEachSpan(b, (span, rs) => out.push({ resource: rs.resource, span }));
  return out;
}

/** Records a CLIENT span with a remote endpoint and a tag, and a local span, through zipkin-js. */
async function recordWithZipkinJs(url: string, encoder: zipkin.JsonEncoder): Promise<void> {
  const logger = new HttpLogger({ endpoint: url, jsonEncoder: encoder, httpInterval: 3_600_000, log: { error: () => undefined } });
  const tracer = new zipkin.Tracer({ ctxImpl: new zipkin.ExplicitContext(), recorder: new zipkin.BatchRecorder({ logger }), localServiceName: 'frontend', traceId128Bit: true });
  tracer.scoped(() => {
    tracer.setId(tracer.createRootId());
    tracer.recordServiceName('frontend');
    tracer.recordRpc('GET /users');
    tracer.recordBinary('http.path', '/users');
    tracer.recordAnnotation(new zipkin.Annotation.ClientSend());
    tracer.recordAnnotation(new zipkin.Annotation.ServerAddr({ serviceName: 'backend', host: new zipkin.InetAddress('10.0.0.2'), port: 8080 }));
    tracer.recordMessage('retrying');
    tracer.recordAnnotation(new zipkin.Annotation.ClientRecv());
  });
  tracer.local('render page', () => undefined);
  // zipkin-transport-http flushes on a timer; its processQueue (an EventEmitter method missing from its typings) sends
  // what is queued now.
  const untyped = logger as unknown as EventEmitter & { processQueue(fetchImpl: typeof fetch): void };
  const sent = new Promise<void>((resolve, reject) => {
    untyped.on('success', () => resolve());
    untyped.on('error', reject);
  });
  untyped.processQueue(fetch);
  await sent;
}

void describe('zipkin receiver with real clients', () => {
  for (const [path, encoder] of [['/api/v2/spans', zipkin.jsonEncoder.JSON_V2], ['/api/v1/spans', zipkin.jsonEncoder.JSON_V1]] as const) {
    void test(`zipkin-js Tracer + HttpLogger posting to ${path}`, async () => {
      const consumer = createCollectingConsumer();
      const r = await startTestReceiver(consumer);
      try {
        await recordWithZipkinJs(`${r.url}${path}`, encoder);
        const spans = spansOf(await consumer.waitForSpans(2));
        assert.equal(spans.length, 2);
        const client = spans.find((s) => s.span.kind === SpanKind.CLIENT);
        assert.ok(client, 'a CLIENT span');
        assert.equal(client.resource.attributes.get('service.name'), 'frontend');
        assert.equal(client.span.name.toLowerCase(), 'get /users');
        assert.equal(client.span.traceId.length, 32);
        assert.equal(client.span.attributes.get('http.path'), '/users');
        assert.equal(client.span.attributes.get('peer.service'), 'backend');
        assert.equal(client.span.attributes.get('network.peer.address'), '10.0.0.2');
        assert.equal(client.span.attributes.get('network.peer.port'), 8080n);
        assert.deepEqual(client.span.events.map((e) => e.name), ['retrying'], 'cs/cr are timing, not events');
        assert.ok(client.span.startTimeUnixNano > 1_600_000_000_000_000_000n && client.span.endTimeUnixNano >= client.span.startTimeUnixNano);
        const local = spans.find((s) => s.span !== client.span);
        assert.equal(local?.span.name, 'render page');
        assert.equal(await r.telemetry.registry.getSingleMetric('spanbridge_receiver_accepted_spans_total')?.get().then((m) => m.values[0]?.value), 2);
      } finally {
        await r.close();
      }
    });
  }

  void test('@opentelemetry/exporter-zipkin with the OpenTelemetry JS SDK', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestReceiver(consumer);
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'checkout', 'deployment.environment': 'test' }),
      spanProcessors: [new SimpleSpanProcessor(new ZipkinExporter({ url: `${r.url}/api/v2/spans` }))],
    });
    try {
      const tracer = provider.getTracer('shop');
      const parent = tracer.startSpan('POST /checkout', { kind: OtelSpanKind.SERVER, attributes: { 'http.request.method': 'POST', retries: 2 } });
      parent.addEvent('validated');
      parent.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
      parent.end();
      await provider.forceFlush();
      const [got] = spansOf(await consumer.waitForSpans(1));
      assert.ok(got);
      const ctx = parent.spanContext();
      assert.equal(got.resource.attributes.get('service.name'), 'checkout');
      assert.equal(got.span.traceId, ctx.traceId);
      assert.equal(got.span.spanId, ctx.spanId);
      assert.equal(got.span.kind, SpanKind.SERVER);
      assert.equal(got.span.name, 'POST /checkout');
      assert.deepEqual(got.span.status, { code: StatusCode.ERROR, message: 'card declined' });
      assert.equal(got.span.attributes.get('http.request.method'), 'POST');
      assert.equal(got.span.attributes.get('retries'), '2');
      assert.equal(got.span.attributes.get('deployment.environment'), 'test');
      assert.deepEqual(got.span.events.map((e) => e.name), ['validated']);
      assert.equal(got.span.attributes.has('zipkin.trace_id_64bit'), false);
    } finally {
      await provider.shutdown();
      await r.close();
    }
  });
});
