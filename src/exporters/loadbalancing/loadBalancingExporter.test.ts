import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import { attrs } from '../../model/attributes.js';
import { countSpans, forEachSpan } from '../../model/batch.js';
import { SpanKind, StatusCode, type Span, type TraceBatch } from '../../model/span.js';
import type { Exporter } from '../../pipeline/component.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import { startTestReceiver, withSchemaDefaults, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';
import { startTestDnsServer } from '../../../test/support/dnsServer.js';
import { eventually } from '../../../test/support/allInOneConfig.js';
import type { LoadBalancingExporterConfig } from './config.js';
import { loadBalancingExporterFactory } from './factory.js';
import { createLoadBalancingExporter } from './loadBalancingExporter.js';

const logger = pino({ level: 'silent' });
const FAST = { timeout: '2s', retry_on_failure: { initial_interval: '20ms', max_interval: '100ms', max_elapsed_time: '60s' } };
const open: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const o of open.reverse()) await o.close();
});

function span(traceId: string, i: number): Span {
  return {
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    parentSpanId: i === 0 ? '' : '0000000000000001',
    traceState: '',
    flags: 0,
    name: `op-${i}`,
    kind: i === 0 ? SpanKind.SERVER : SpanKind.CLIENT,
    startTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(i),
    endTimeUnixNano: 1_700_000_000_001_000_000n,
    attributes: attrs(),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: StatusCode.UNSET, message: '' },
  };
}

/** `traces` traces of `perTrace` spans, their spans spread over three services and interleaved. */
function batchOf(traces: number, perTrace: number, offset = 0): TraceBatch {
  const services = ['productpage', 'reviews', 'ratings'];
  return {
    resourceSpans: services.map((service, s) => ({
      resource: { attributes: attrs([['service.name', service]]), droppedAttributesCount: 0 },
      schemaUrl: '',
      scopeSpans: [
        {
          scope: { name: 'test', version: '', attributes: attrs(), droppedAttributesCount: 0 },
          schemaUrl: '',
          spans: Array.from({ length: traces * perTrace }, (_, n) => ({ t: n % traces, i: Math.floor(n / traces) }))
            .filter(({ i }) => i % services.length === s)
            .map(({ t, i }) => span((offset + t + 1).toString(16).padStart(32, '0'), i)),
        },
      ],
    })),
  };
}

/** Trace id -> span count, and service -> span count, of what a receiver got. */
function received(r: TestReceiver): { traces: Map<string, number>; services: Set<string> } {
  const traces = new Map<string, number>();
  const services = new Set<string>();
  for (const b of r.received) {
    forEachSpan(b, (s, rs) => {
      traces.set(s.traceId, (traces.get(s.traceId) ?? 0) + 1);
      services.add(String(rs.resource.attributes.get('service.name')));
    });
  }
  return { traces, services };
}

async function metric(telemetry: Telemetry, name: string, labels: Record<string, string>): Promise<number> {
  const text = await telemetry.registry.metrics();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

async function receiverAt(endpoint: string): Promise<TestReceiver> {
  const r = await startTestReceiver({ config: { protocols: { grpc: { endpoint } } } });
  open.push(r);
  return r;
}

async function startBalancer(raw: Record<string, unknown>, telemetry: Telemetry, dnsServers?: string[]): Promise<Exporter> {
  const config = withSchemaDefaults<LoadBalancingExporterConfig>(loadBalancingExporterFactory.configSchema, raw);
  const exporter = createLoadBalancingExporter({ id: 'loadbalancing', logger, telemetry }, config, dnsServers ? { dnsServers } : {});
  await exporter.start({ logger, telemetry });
  open.push({ close: () => exporter.shutdown() });
  return exporter;
}

void describe('loadbalancing exporter', () => {
  void test('routes by trace id: every trace lands whole on one backend, both backends get a share, counted per backend', async () => {
    const [a, b] = [await receiverAt('127.0.0.1:0'), await receiverAt('127.0.0.1:0')] as [TestReceiver, TestReceiver];
    const telemetry = createTelemetry();
    const lb = await startBalancer({ protocol: { otlp: { tls: { insecure: true }, ...FAST } }, resolver: { static: { hostnames: [a.grpcAddress, b.grpcAddress] } } }, telemetry);
    const batch = batchOf(200, 6);
    const total = countSpans(batch);
    await lb.consume(batch);
    await eventually('every span at a backend', async () => (a.received.concat(b.received).reduce((n, x) => n + countSpans(x), 0) === total ? true : undefined));
    const [ra, rb] = [received(a), received(b)];
    assert.ok(ra.traces.size > 0 && rb.traces.size > 0, `shares ${ra.traces.size} / ${rb.traces.size}`);
    assert.equal(ra.traces.size + rb.traces.size, 200);
    for (const [trace, n] of [...ra.traces, ...rb.traces]) assert.equal(n, 6, `trace ${trace} is whole at one backend`);
    for (const trace of ra.traces.keys()) assert.ok(!rb.traces.has(trace));
    const routedA = await metric(telemetry, 'spanbridge_loadbalancer_backend_spans_total', { backend: a.grpcAddress });
    const routedB = await metric(telemetry, 'spanbridge_loadbalancer_backend_spans_total', { backend: b.grpcAddress });
    assert.equal(routedA, ra.traces.size * 6);
    assert.equal(routedB, rb.traces.size * 6);
    assert.equal(await metric(telemetry, 'spanbridge_exporter_sent_spans_total', { exporter: `loadbalancing[${a.grpcAddress}]` }), routedA);
    assert.equal(await metric(telemetry, 'spanbridge_loadbalancer_backends', { exporter: 'loadbalancing' }), 2);
  });

  void test('routes by service: all spans of a service land on one backend', async () => {
    const [a, b] = [await receiverAt('127.0.0.1:0'), await receiverAt('127.0.0.1:0')] as [TestReceiver, TestReceiver];
    const lb = await startBalancer({ routing_key: 'service', protocol: { otlp: { tls: { insecure: true }, ...FAST } }, resolver: { static: { hostnames: [a.grpcAddress, b.grpcAddress] } } }, createTelemetry());
    const batch = batchOf(50, 6);
    const total = countSpans(batch);
    await lb.consume(batch);
    await eventually('every span at a backend', async () => (a.received.concat(b.received).reduce((n, x) => n + countSpans(x), 0) === total ? true : undefined));
    const [ra, rb] = [received(a), received(b)];
    assert.equal(ra.services.size + rb.services.size, 3);
    for (const s of ra.services) assert.ok(!rb.services.has(s), `${s} at both backends`);
  });

  void test('a backend that is down keeps its share queued and delivers it, retried, once it is back', async () => {
    const a = await receiverAt('127.0.0.1:0');
    let b = await receiverAt('127.0.0.1:0');
    const bAddress = b.grpcAddress;
    const telemetry = createTelemetry();
    const lb = await startBalancer({ protocol: { otlp: { tls: { insecure: true }, ...FAST } }, resolver: { static: { hostnames: [a.grpcAddress, bAddress] } } }, telemetry);
    await b.close();
    const batch = batchOf(100, 4);
    const total = countSpans(batch);
    await lb.consume(batch);
    await eventually('a has its share', async () => (a.received.length > 0 ? true : undefined));
    const atA = a.received.reduce((n, x) => n + countSpans(x), 0);
    assert.ok(atA < total, 'b owns part of the traces');
    b = await receiverAt(bAddress);
    await eventually("b's share after it came back", async () => (b.received.reduce((n, x) => n + countSpans(x), 0) === total - atA ? true : undefined));
    assert.equal(await metric(telemetry, 'spanbridge_exporter_send_failed_spans_total', { exporter: `loadbalancing[${bAddress}]` }), 0);
  });

  void test('dns: backends follow the records; a backend that leaves has its queued share rerouted to the new owner', async () => {
    const dns = await startTestDnsServer();
    open.push(dns);
    const first = await receiverAt('127.0.0.1:0');
    const port = Number(first.grpcAddress.split(':')[1]);
    const second = await receiverAt(`127.0.0.2:${port}`);
    dns.setA('collectors.test', ['127.0.0.1', '127.0.0.2']);
    const telemetry = createTelemetry();
    const lb = await startBalancer(
      { protocol: { otlp: { tls: { insecure: true }, ...FAST } }, resolver: { dns: { hostname: 'collectors.test', port, interval: '50ms' } } },
      telemetry,
      [dns.address],
    );
    assert.equal(await metric(telemetry, 'spanbridge_loadbalancer_backends', { exporter: 'loadbalancing' }), 2);
    // The second backend goes down with data queued for it, then leaves the records (a pod scaled away).
    await second.close();
    const batch = batchOf(100, 4);
    const total = countSpans(batch);
    await lb.consume(batch);
    await eventually("first's share", async () => (first.received.length > 0 ? true : undefined));
    assert.ok(first.received.reduce((n, x) => n + countSpans(x), 0) < total);
    dns.setA('collectors.test', ['127.0.0.1']);
    await eventually('every span at the first backend', async () => (first.received.reduce((n, x) => n + countSpans(x), 0) === total ? true : undefined));
    const traces = received(first).traces;
    assert.equal(traces.size, 100);
    for (const n of traces.values()) assert.equal(n, 4);
    assert.ok((await metric(telemetry, 'spanbridge_loadbalancer_rerouted_spans_total', { backend: `127.0.0.2:${port}` })) > 0);
    assert.equal(await metric(telemetry, 'spanbridge_loadbalancer_backends', { exporter: 'loadbalancing' }), 1);
    // A new record joins the ring.
    const third = await receiverAt(`127.0.0.3:${port}`);
    dns.setA('collectors.test', ['127.0.0.1', '127.0.0.3']);
    await eventually('two backends again', async () => ((await metric(telemetry, 'spanbridge_loadbalancer_backends', { exporter: 'loadbalancing' })) === 2 ? true : undefined));
    await lb.consume(batchOf(100, 4, 1000));
    await eventually('the new backend has a share', async () => (third.received.length > 0 ? true : undefined));
  });

  void test('with no backends, consume refuses with a retryable error', async () => {
    const dns = await startTestDnsServer();
    open.push(dns);
    dns.setA('nobody.test', []);
    const lb = await startBalancer({ protocol: { otlp: { tls: { insecure: true } } }, resolver: { dns: { hostname: 'nobody.test', interval: '1s' } } }, createTelemetry(), [dns.address]);
    await assert.rejects(lb.consume(batchOf(1, 1)), (e: Error & { code?: string; kind?: string }) => e.code === 'SB_EXPORT_FAILED' && /no backends/.test(e.message));
  });
});
