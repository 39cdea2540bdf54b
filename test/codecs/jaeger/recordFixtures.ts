// Records the Jaeger Thrift fixtures in test/fixtures/jaeger from real clients: what jaeger-client's UDPSender and
// HTTPSender and @opentelemetry/exporter-jaeger send for a small trace, caught on loopback and written byte for byte.
// Run `node --import tsx test/codecs/jaeger/recordFixtures.ts` after changing a client version, then rewrite the
// goldens with UPDATE_GOLDEN=1 and review the diff. Ids and times are the clients' own, so each run differs.
import { createSocket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import jaeger from 'jaeger-client';
import { FIXTURES } from '../../support/paths.js';

const OUT = join(FIXTURES, 'jaeger');

/** A server span with a client child (error, a log) and a FOLLOWS_FROM span, through jaeger-client. */
async function recordJaegerClient(reporter: Record<string, unknown>): Promise<void> {
  const tracer = jaeger.initTracer({ serviceName: 'checkout', sampler: { type: 'const', param: 1 }, reporter: { ...reporter, flushIntervalMs: 3_600_000 } }, { tags: { 'deployment.environment': 'test' } });
  const server = tracer.startSpan('GET /cart', { tags: { 'span.kind': 'server', 'http.method': 'GET', 'http.status_code': 200, cached: true, ratio: 0.25 } });
  const client = tracer.startSpan('SELECT cart', { childOf: server, tags: { 'span.kind': 'client', 'db.system': 'postgresql', error: true } });
  client.log({ event: 'retry', attempt: 1, reason: 'timeout' });
  client.finish();
  const later = tracer.startSpan('send receipt', { references: [jaeger.opentracing.followsFrom(server.context())], tags: { 'span.kind': 'producer' } });
  later.finish();
  server.finish();
  await new Promise<void>((resolve) => tracer.close(() => resolve()));
}

async function captureUdp(record: (port: number) => Promise<void>): Promise<Buffer> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const got = new Promise<Buffer>((resolve) => socket.once('message', (m) => resolve(m)));
  await record(socket.address().port);
  const datagram = await got;
  socket.close();
  return datagram;
}

async function captureHttp(record: (url: string) => Promise<void>): Promise<{ body: Buffer; contentType: string }> {
  let resolveBody: (v: { body: Buffer; contentType: string }) => void = () => undefined;
  const got = new Promise<{ body: Buffer; contentType: string }>((resolve) => (resolveBody = resolve));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(202).end();
      resolveBody({ body: Buffer.concat(chunks), contentType: String(req.headers['content-type']) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await record(`http://127.0.0.1:${port}/api/traces`);
  const out = await got;
  server.close();
  return out;
}

/** A SERVER span with an event, an error status and a link, through the OpenTelemetry JS SDK and its Jaeger exporter. */
async function recordOtelExporter(port: number): Promise<void> {
  const exporter = new JaegerExporter({ host: '127.0.0.1', port });
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'payments', 'service.version': '1.4.0' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('payments-lib', '0.3.1');
  const linked = tracer.startSpan('poll queue');
  linked.end();
  const span = tracer.startSpan('POST /charge', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', amount_cents: 1250, retried: false }, links: [{ context: linked.spanContext() }] });
  span.addEvent('card declined', { 'decline.code': 'insufficient_funds' });
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
  span.end();
  trace.disable();
  await provider.forceFlush();
  await provider.shutdown();
}

const udp = await captureUdp((port) => recordJaegerClient({ agentHost: '127.0.0.1', agentPort: port }));
writeFileSync(join(OUT, 'jaeger-client-3.19.0-udp-emitBatch-binary.bin'), udp);
const http = await captureHttp((url) => recordJaegerClient({ collectorEndpoint: url }));
writeFileSync(join(OUT, 'jaeger-client-3.19.0-http-batch-binary.bin'), http.body);
const otel = await captureUdp((port) => recordOtelExporter(port));
writeFileSync(join(OUT, 'otel-exporter-jaeger-2.11.0-udp-emitBatch-binary.bin'), otel);
console.log(`recorded ${udp.length} + ${http.body.length} (${http.contentType}) + ${otel.length} bytes into ${OUT}`);
