// Real Jaeger senders against the receiver on loopback: jaeger-client (UDPSender to thrift_binary, HTTPSender to
// thrift_http), @opentelemetry/exporter-jaeger (its UDP and HTTP transports), a compact emitBatch written by the
// thrift package (no JavaScript client sends the compact port) and a @grpc/grpc-js client with the api_v2 proto.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { credentials, Client, Metadata } from '@grpc/grpc-js';
import { SpanKind as OtelSpanKind, SpanStatusCode } from '@opentelemetry/api';
import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import jaeger from 'jaeger-client';
import { COLLECTOR_POST_SPANS_PATH, PostSpansRequestType } from '../../codecs/jaeger/jaegerProto.js';
import { forEachSpan } from '../../model/batch.js';
import { SpanKind, StatusCode, type Resource, type Span, type TraceBatch } from '../../model/span.js';
import { encodeAgentMessage } from '../../../test/codecs/jaeger/writeThrift.js';
import { createCollectingConsumer } from '../../../test/receivers/zipkin/testReceiver.js';
import { eventually, sendDatagram, startTestJaegerReceiver } from '../../../test/receivers/jaeger/testJaegerReceiver.js';

function spansOf(batches: TraceBatch[]): Array<{ resource: Resource; scope: string; span: Span }> {
  const out: Array<{ resource: Resource; scope: string; span: Span }> = [];
  for (const b of batches) forEachSpan(b, (span, rs, ss) => out.push({ resource: rs.resource, scope: ss.scope.name, span }));
  return out;
}

const pad = (hex: string, width: number) => hex.padStart(width, '0');

/** A server span with a client child (error, a log with typed fields) through a jaeger-client tracer, flushed on close. */
async function traceWithJaegerClient(reporter: jaeger.ReporterConfig, traceId128bit: boolean): Promise<{ traceId: string; serverId: string; clientId: string }> {
  const tracer = jaeger.initTracer({ serviceName: 'checkout', sampler: { type: 'const', param: 1 }, reporter: { ...reporter, flushIntervalMs: 3_600_000 } }, { traceId128bit, tags: { 'deployment.environment': 'test' }, logger: { info: () => undefined, error: () => undefined } });
  const server = tracer.startSpan('GET /cart', { tags: { 'span.kind': 'server', 'http.status_code': 200, cached: true, 'cart.items': 3, 'cart.total': 12.5 } });
  const client = tracer.startSpan('SELECT cart', { childOf: server, tags: { 'span.kind': 'client', error: true } });
  client.log({ event: 'retry', attempt: 1, reason: 'timeout' });
  client.finish();
  server.finish();
  await new Promise<void>((resolve) => tracer.close(() => resolve()));
  const ctx = (s: typeof server) => s.context() as unknown as { toTraceId(): string; toSpanId(): string };
  return { traceId: ctx(server).toTraceId(), serverId: ctx(server).toSpanId(), clientId: ctx(client).toSpanId() };
}

function assertJaegerClientTrace(got: ReturnType<typeof spansOf>, ids: { traceId: string; serverId: string; clientId: string }): void {
  assert.equal(got.length, 2);
  const server = got.find((s) => s.span.name === 'GET /cart');
  const client = got.find((s) => s.span.name === 'SELECT cart');
  assert.ok(server && client);
  assert.equal(server.span.traceId, pad(ids.traceId, 32));
  assert.equal(server.span.spanId, pad(ids.serverId, 16));
  assert.equal(server.span.parentSpanId, '');
  assert.equal(client.span.parentSpanId, server.span.spanId);
  assert.equal(client.span.traceId, server.span.traceId);
  assert.equal(server.span.kind, SpanKind.SERVER);
  assert.equal(client.span.kind, SpanKind.CLIENT);
  assert.equal(server.span.attributes.get('cached'), true);
  assert.equal(server.span.attributes.get('cart.total'), 12.5);
  assert.equal(server.span.attributes.get('cart.items'), 3, 'jaeger-client sends JavaScript numbers as doubles');
  assert.equal(server.span.attributes.has('span.kind'), false);
  assert.deepEqual(server.span.status, { code: StatusCode.UNSET, message: '' });
  assert.deepEqual(client.span.status, { code: StatusCode.ERROR, message: '' });
  assert.equal(client.span.attributes.has('error'), false);
  assert.deepEqual(client.span.events.map((e) => [e.name, Object.fromEntries(e.attributes)]), [['retry', { attempt: 1, reason: 'timeout' }]]);
  assert.ok(server.span.startTimeUnixNano > 1_600_000_000_000_000_000n && server.span.endTimeUnixNano >= server.span.startTimeUnixNano);
  assert.equal(server.span.flags, 1, 'sampled');
  const resource = server.resource.attributes;
  assert.equal(resource.get('service.name'), 'checkout');
  assert.equal(resource.get('deployment.environment'), 'test');
  assert.match(String(resource.get('opencensus.exporterversion')), /^Jaeger-Node-3\./);
  assert.equal(typeof resource.get('host.name'), 'string');
  assert.equal(resource.has('hostname'), false);
}

void describe('jaeger receiver with real clients', () => {
  void test('jaeger-client UDPSender to thrift_binary (64-bit trace ids)', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestJaegerReceiver(consumer);
    try {
      const [host, port] = (r.endpoints.thrift_binary ?? '').split(':');
      const ids = await traceWithJaegerClient({ agentHost: host, agentPort: Number(port) }, false);
      const got = spansOf(await consumer.waitForSpans(2));
      assertJaegerClientTrace(got, ids);
      assert.match(got[0]?.span.traceId ?? '', /^0{16}[0-9a-f]{16}$/, 'traceIdHigh 0 is padded to 128 bits');
      await eventually(async () => (await r.metric('spanbridge_receiver_accepted_spans_total', 'transport="udp_binary"')) === 2, 'two spans are counted');
    } finally {
      await r.close();
    }
  });

  void test('jaeger-client HTTPSender to thrift_http /api/traces (128-bit trace ids)', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestJaegerReceiver(consumer);
    try {
      const ids = await traceWithJaegerClient({ collectorEndpoint: `http://${r.endpoints.thrift_http}/api/traces` }, true);
      const got = spansOf(await consumer.waitForSpans(2));
      assertJaegerClientTrace(got, ids);
      // jaeger-client prints ids without leading zeros: a 128-bit id has more than 16 hex digits (31 when its first is 0).
      assert.ok(ids.traceId.length > 16 && ids.traceId.length <= 32, `a 128-bit id: ${ids.traceId}`);
      assert.equal(await r.metric('spanbridge_receiver_accepted_spans_total', 'transport="http"'), 2);
    } finally {
      await r.close();
    }
  });

  for (const transport of ['udp', 'http'] as const) {
    void test(`@opentelemetry/exporter-jaeger over ${transport === 'udp' ? 'UDP (thrift_binary)' : 'HTTP (thrift_http)'}`, async () => {
      const consumer = createCollectingConsumer();
      const r = await startTestJaegerReceiver(consumer);
      const [host, port] = (r.endpoints.thrift_binary ?? '').split(':');
      const exporter = new JaegerExporter(transport === 'udp' ? { host, port: Number(port) } : { endpoint: `http://${r.endpoints.thrift_http}/api/traces` });
      const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'payments' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
      try {
        const tracer = provider.getTracer('payments-lib', '0.3.1');
        const linked = tracer.startSpan('poll queue', { kind: OtelSpanKind.CONSUMER });
        linked.end();
        const span = tracer.startSpan('POST /charge', { kind: OtelSpanKind.SERVER, attributes: { 'http.request.method': 'POST', retried: false }, links: [{ context: linked.spanContext() }] });
        span.addEvent('card declined', { 'decline.code': 'insufficient_funds' });
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
        span.end();
        await provider.forceFlush();
        const got = spansOf(await consumer.waitForSpans(2));
        const charge = got.find((s) => s.span.name === 'POST /charge');
        assert.ok(charge);
        assert.equal(charge.span.traceId, span.spanContext().traceId);
        assert.equal(charge.span.spanId, span.spanContext().spanId);
        assert.equal(charge.span.kind, SpanKind.SERVER);
        assert.deepEqual(charge.span.status, { code: StatusCode.ERROR, message: 'card declined' });
        assert.equal(charge.scope, 'payments-lib', 'otel.library.name becomes the scope');
        assert.equal(charge.resource.attributes.get('service.name'), 'payments');
        assert.equal(charge.span.attributes.get('retried'), false);
        assert.deepEqual(charge.span.events.map((e) => [e.name, e.attributes.get('decline.code')]), [['card declined', 'insufficient_funds']]);
        assert.deepEqual(charge.span.links.map((l) => [l.traceId, l.spanId, l.attributes.get('opentracing.ref_type')]), [[linked.spanContext().traceId, linked.spanContext().spanId, 'follows_from']]);
        assert.equal(got.find((s) => s.span.name === 'poll queue')?.span.kind, SpanKind.CONSUMER);
      } finally {
        await provider.shutdown();
        await r.close();
      }
    });
  }

  void test('an emitBatch written with the thrift package TCompactProtocol to thrift_compact', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestJaegerReceiver(consumer);
    try {
      const batch = {
        process: { serviceName: 'legacy-agent-client', tags: [{ key: 'hostname', vType: 0, vStr: 'h1' }] },
        spans: [{ traceIdLow: 0x1234n, traceIdHigh: 0x99n, spanId: 0x42n, parentSpanId: 0x41n, operationName: 'work', flags: 1, startTime: 1_700_000_000_000_000n, duration: 250n, tags: [{ key: 'span.kind', vType: 0, vStr: 'producer' }, { key: 'n', vType: 3, vLong: 7n }, { key: 'raw', vType: 4, vBinary: new Uint8Array([0xca, 0xfe]) }] }],
      };
      await sendDatagram(r.endpoints.thrift_compact ?? '', encodeAgentMessage(batch, 'compact'));
      const [got] = spansOf(await consumer.waitForSpans(1));
      assert.ok(got);
      assert.equal(got.span.traceId, '00000000000000990000000000001234');
      assert.equal(got.span.parentSpanId, '0000000000000041');
      assert.equal(got.span.kind, SpanKind.PRODUCER);
      assert.equal(got.span.attributes.get('n'), 7n);
      assert.deepEqual(got.span.attributes.get('raw'), Uint8Array.from([0xca, 0xfe]));
      assert.equal(got.span.endTimeUnixNano - got.span.startTimeUnixNano, 250_000n);
      assert.equal(got.resource.attributes.get('host.name'), 'h1');
      await eventually(async () => (await r.metric('spanbridge_receiver_accepted_spans_total', 'transport="udp_compact"')) === 1, 'the span is counted');
    } finally {
      await r.close();
    }
  });

  void test('a @grpc/grpc-js client calling CollectorService/PostSpans with the api_v2 proto', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestJaegerReceiver(consumer);
    const client = new Client(r.endpoints.grpc ?? '', credentials.createInsecure());
    try {
      const request = PostSpansRequestType.fromObject({
        batch: {
          process: { serviceName: 'agent-forwarded', tags: [{ key: 'k8s.pod.name', vStr: 'p-1' }] },
          spans: [
            {
              traceId: Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex'),
              spanId: Buffer.from('b7ad6b7169203331', 'hex'),
              operationName: 'rpc',
              references: [{ traceId: Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex'), spanId: Buffer.from('00f067aa0ba902b7', 'hex'), refType: 'CHILD_OF' }],
              flags: 1,
              startTime: { seconds: 1_700_000_000, nanos: 123 },
              duration: { seconds: 0, nanos: 5_000 },
              tags: [{ key: 'span.kind', vStr: 'client' }, { key: 'otel.status_code', vStr: 'OK' }, { key: 'otel.scope.name', vStr: 'grpc-lib' }],
            },
          ],
        },
      });
      const bytes = PostSpansRequestType.encode(request).finish();
      await new Promise<void>((resolve, reject) => {
        client.makeUnaryRequest(COLLECTOR_POST_SPANS_PATH, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, bytes, new Metadata(), (err) => (err ? reject(err) : resolve()));
      });
      const [got] = spansOf(consumer.batches);
      assert.ok(got, 'the span was handed on before the call returned');
      assert.equal(got.span.traceId, '0af7651916cd43dd8448eb211c80319c');
      assert.equal(got.span.parentSpanId, '00f067aa0ba902b7');
      assert.equal(got.span.kind, SpanKind.CLIENT);
      assert.deepEqual(got.span.status, { code: StatusCode.OK, message: '' });
      assert.equal(got.scope, 'grpc-lib');
      assert.equal(got.span.startTimeUnixNano, 1_700_000_000_000_000_123n);
      assert.equal(got.span.endTimeUnixNano, 1_700_000_000_000_005_123n);
      assert.equal(got.resource.attributes.get('k8s.pod.name'), 'p-1');
      assert.equal(await r.metric('spanbridge_receiver_accepted_spans_total', 'transport="grpc"'), 1);
    } finally {
      client.close();
      await r.close();
    }
  });
});
