// End to end through the real CLI (dist/main.js): Jaeger senders -> jaeger receiver -> batch -> otlphttp -> a sink,
// and Jaeger clients reading sampling strategies from the CLI's sampling endpoint.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { SpanKind as OtelSpanKind, SpanStatusCode } from '@opentelemetry/api';
import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import jaeger from 'jaeger-client';
import { COLLECTOR_POST_SPANS_PATH, PostSpansRequestType } from '../../codecs/jaeger/jaegerProto.js';
import { forEachSpan } from '../../model/batch.js';
import { SpanKind, StatusCode, type Attributes, type Span, type TraceBatch } from '../../model/span.js';
import { encodeAgentMessage } from '../../../test/codecs/jaeger/writeThrift.js';
import { sendDatagram } from '../../../test/receivers/jaeger/testJaegerReceiver.js';
import { startCli, type CliProcess } from '../../../test/support/runCli.js';
import { startOtlpSink, type OtlpSink } from '../../../test/support/otlpSink.js';

function spans(batches: TraceBatch[]): Array<{ span: Span; resource: Attributes; scope: string }> {
  const out: Array<{ span: Span; resource: Attributes; scope: string }> = [];
  for (const b of batches) forEachSpan(b, (span, rs, ss) => out.push({ span, resource: rs.resource.attributes, scope: ss.scope.name }));
  return out;
}

const quiet = { info: () => undefined, error: () => undefined };

void describe('jaeger -> batch -> otlphttp through the CLI', () => {
  let sink: OtlpSink;
  let cli: CliProcess;
  let endpoints: Record<string, string>;
  before(async () => {
    sink = await startOtlpSink();
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-jaeger-e2e-'));
    writeFileSync(join(dir, 'strategies.json'), JSON.stringify({ default_strategy: { type: 'probabilistic', param: 0.5 }, service_strategies: [{ service: 'checkout', type: 'ratelimiting', param: 3 }] }));
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `
receivers:
  jaeger:
    protocols:
      grpc: {endpoint: 127.0.0.1:0}
      thrift_http: {endpoint: 127.0.0.1:0}
      thrift_compact: {endpoint: 127.0.0.1:0}
      thrift_binary: {endpoint: 127.0.0.1:0}
    remote_sampling:
      endpoint: 127.0.0.1:0
      strategy_file: ${join(dir, 'strategies.json')}
processors:
  batch:
    timeout: 20ms
exporters:
  otlphttp:
    endpoint: ${sink.url}
service:
  pipelines:
    traces:
      receivers: [jaeger]
      processors: [batch]
      exporters: [otlphttp]
  telemetry:
    metrics:
      address: 127.0.0.1:0
`,
    );
    cli = await startCli(['--config', config]);
    endpoints = cli.receivers.jaeger ?? {};
  });
  after(async () => {
    await cli?.stop();
    await sink?.close();
  });

  test('jaeger-client over UDP (thrift_binary) and HTTP (thrift_http): ids, parent, kind, typed tags, events, resource, status', async () => {
    const [host, port] = (endpoints.thrift_binary ?? '').split(':');
    for (const reporter of [{ agentHost: host, agentPort: Number(port) }, { collectorEndpoint: `http://${endpoints.thrift_http}/api/traces` }]) {
      const before = spans(sink.batches).length;
      const tracer = jaeger.initTracer({ serviceName: 'cart', sampler: { type: 'const', param: 1 }, reporter: { ...reporter, flushIntervalMs: 3_600_000 } }, { logger: quiet, tags: { team: 'shop' } });
      const parent = tracer.startSpan('GET /cart', { tags: { 'span.kind': 'server', items: 2, express: true } });
      const child = tracer.startSpan('redis GET', { childOf: parent, tags: { 'span.kind': 'client', error: true } });
      child.log({ event: 'cache miss', key: 'cart:1' });
      child.finish();
      parent.finish();
      await new Promise<void>((resolve) => tracer.close(() => resolve()));
      await sink.waitFor((b) => spans(b).length >= before + 2);
      const got = spans(sink.batches).slice(before);
      const server = got.find((s) => s.span.name === 'GET /cart');
      const client = got.find((s) => s.span.name === 'redis GET');
      assert.ok(server && client, JSON.stringify(reporter));
      const ctx = parent.context() as unknown as { toTraceId(): string; toSpanId(): string };
      assert.equal(server.span.traceId, ctx.toTraceId().padStart(32, '0'));
      assert.equal(server.span.spanId, ctx.toSpanId().padStart(16, '0'));
      assert.equal(client.span.parentSpanId, server.span.spanId);
      assert.equal(server.span.kind, SpanKind.SERVER);
      assert.equal(client.span.kind, SpanKind.CLIENT);
      assert.equal(server.span.attributes.get('items'), 2);
      assert.equal(server.span.attributes.get('express'), true);
      assert.deepEqual(client.span.status, { code: StatusCode.ERROR, message: '' });
      assert.deepEqual(client.span.events.map((e) => [e.name, e.attributes.get('key')]), [['cache miss', 'cart:1']]);
      assert.equal(server.resource.get('service.name'), 'cart');
      assert.equal(server.resource.get('team'), 'shop');
    }
  });

  test('the OpenTelemetry Jaeger exporter, a compact emitBatch and a gRPC PostSpans arrive too', async () => {
    const before = spans(sink.batches).length;
    const [host, port] = (endpoints.thrift_binary ?? '').split(':');
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'payments' }), spanProcessors: [new SimpleSpanProcessor(new JaegerExporter({ host, port: Number(port) }))] });
    const span = provider.getTracer('payments-lib', '1.0.0').startSpan('POST /charge', { kind: OtelSpanKind.SERVER });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'declined' });
    span.end();
    await provider.forceFlush();
    await provider.shutdown();

    await sendDatagram(endpoints.thrift_compact ?? '', encodeAgentMessage({ process: { serviceName: 'compact-sender' }, spans: [{ traceIdLow: 0xc0ffeen, traceIdHigh: 0n, spanId: 0xbeefn, parentSpanId: 0n, operationName: 'compact op', flags: 1, startTime: 1_700_000_000_000_000n, duration: 10n }] }, 'compact'));

    const client = new Client(endpoints.grpc ?? '', credentials.createInsecure());
    const request = PostSpansRequestType.encode(PostSpansRequestType.fromObject({ batch: { process: { serviceName: 'grpc-sender' }, spans: [{ traceId: Buffer.alloc(16, 7), spanId: Buffer.alloc(8, 9), operationName: 'grpc op', startTime: { seconds: 1_700_000_000 } }] } })).finish();
    await new Promise<void>((resolve, reject) => client.makeUnaryRequest(COLLECTOR_POST_SPANS_PATH, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, request, new Metadata(), (err) => (err ? reject(err) : resolve())));
    client.close();

    await sink.waitFor((b) => spans(b).length >= before + 3);
    const got = spans(sink.batches).slice(before);
    const charge = got.find((s) => s.span.name === 'POST /charge');
    assert.ok(charge);
    assert.equal(charge.span.traceId, span.spanContext().traceId);
    assert.equal(charge.scope, 'payments-lib');
    assert.deepEqual(charge.span.status, { code: StatusCode.ERROR, message: 'declined' });
    assert.equal(got.find((s) => s.span.name === 'compact op')?.span.traceId, '00000000000000000000000000c0ffee');
    assert.equal(got.find((s) => s.span.name === 'grpc op')?.resource.get('service.name'), 'grpc-sender');
  });

  test("jaeger-client's RemoteSampler reads its strategy from the CLI's sampling endpoint", async () => {
    const RemoteSampler = (jaeger as unknown as { RemoteSampler: new (service: string, options: Record<string, unknown>) => { close(): void } }).RemoteSampler;
    let sampler: { close(): void } | undefined;
    const updated = new Promise<{ name(): string; maxTracesPerSecond?: number }>((resolve) => {
      sampler = new RemoteSampler('checkout', { hostPort: endpoints.remote_sampling, refreshInterval: 20, logger: quiet, onSamplerUpdate: resolve });
    });
    const s = await updated;
    sampler?.close();
    assert.deepEqual([s.name(), s.maxTracesPerSecond], ['RateLimitingSampler', 3]);
    const other = await (await fetch(`http://${endpoints.remote_sampling}/sampling?service=other`)).json();
    assert.deepEqual(other, { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.5 } });
  });

  test('SIGTERM exits 0', async () => {
    assert.equal(await cli.stop('SIGTERM'), 0);
  });
});
