import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { GetTraceSummariesCommand, PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import AWSXRay from 'aws-xray-sdk-core';
import { XRAY_ANNOTATIONS, XRAY_DOCUMENT_KIND } from '../../codecs/xray/xrayAttributeNames.js';
import { forEachSpan } from '../../model/batch.js';
import type { Span, TraceBatch } from '../../model/span.js';
import { createSqliteStore } from '../../store/sqlite/createSqliteStore.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { createCollectingConsumer, startTestAwsXrayReceiver } from '../../../test/receivers/awsxray/testReceiver.js';

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
AWSXRay.setLogger(silent);
AWSXRay.setContextMissingStrategy('IGNORE_ERROR');

function spansOf(batches: TraceBatch[]): Span[] {
  const out: Span[] = [];
  for (const b of batches) forEachSpan(b, (s) => out.push(s));
  return out;
}

async function counted(telemetry: Telemetry, name: string, labels: Record<string, string>): Promise<number> {
  const m = (await telemetry.registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (m?.values ?? []).filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((n, v) => n + v.value, 0);
}

/** A small app instrumented with aws-xray-sdk-core: one request handled, calling a local HTTP service. */
async function runInstrumentedApp(downstreamPort: number): Promise<{ traceId: string; segmentId: string }> {
  const http = AWSXRay.captureHTTPs(await import('node:http'));
  const segment = new AWSXRay.Segment('checkout-app');
  segment.addAnnotation('order_id', 'o-17');
  segment.addAnnotation('items', 3);
  segment.addMetadata('cart', { sku: ['a', 'b'] });
  segment.addIncomingRequestData(new AWSXRay.middleware.IncomingRequestData({ method: 'POST', url: '/checkout', headers: { host: 'shop.local', 'user-agent': 'test' }, connection: { remoteAddress: '10.1.2.3' } } as never));
  await AWSXRay.getNamespace().runPromise(async () => {
    AWSXRay.setSegment(segment);
    const local = segment.addNewSubsegment('validate-cart');
    local.addAnnotation('valid', true);
    local.close();
    await new Promise<void>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: downstreamPort, path: '/inventory' }, (res) => res.resume().on('end', resolve)).on('error', reject);
    });
  });
  (segment as unknown as { http: { close(res: unknown): void } }).http.close({ statusCode: 200 });
  segment.close();
  return { traceId: segment.trace_id, segmentId: segment.id };
}

describe('awsxray receiver: UDP daemon protocol', () => {
  test('segments from aws-xray-sdk-core arrive in the pipeline', async () => {
    const consumer = createCollectingConsumer();
    const receiver = await startTestAwsXrayReceiver(consumer);
    const downstream = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => downstream.listen(0, '127.0.0.1', r));
    try {
      AWSXRay.setDaemonAddress(`udp:${receiver.udpHost}:${receiver.udpPort} tcp:127.0.0.1:${receiver.apiPort}`);
      const { traceId, segmentId } = await runInstrumentedApp((downstream.address() as AddressInfo).port);
      const spans = spansOf(await consumer.waitForSpans(3));
      const root = spans.find((s) => s.spanId === segmentId);
      assert.ok(root, 'the segment arrived');
      assert.equal(root.traceId, traceId.slice(2, 10) + traceId.slice(11));
      assert.equal(root.name, 'checkout-app');
      assert.equal(root.attributes.get('order_id'), 'o-17');
      assert.equal(root.attributes.get('items'), 3n);
      assert.deepEqual(root.attributes.get(XRAY_ANNOTATIONS), ['order_id', 'items']);
      assert.equal(root.attributes.get('http.request.method'), 'POST');
      assert.equal(root.attributes.get('http.response.status_code'), 200n);
      const local = spans.find((s) => s.name === 'validate-cart');
      assert.equal(local?.parentSpanId, segmentId);
      assert.equal(local?.attributes.get(XRAY_DOCUMENT_KIND), 'embedded');
      const call = spans.find((s) => s.name === '127.0.0.1');
      assert.equal(call?.kind, 3, 'the captured HTTP call is a CLIENT span');
      assert.match(String(call?.attributes.get('url.full')), /^http:\/\/127\.0\.0\.1.*\/inventory$/);
      assert.equal(call?.attributes.get('http.request.method'), 'GET');
      await new Promise((r) => setImmediate(r)); // consume() has resolved; its accepted count follows in a microtask
      assert.equal(await counted(receiver.telemetry, 'spanbridge_receiver_accepted_spans_total', { transport: 'udp' }), 3);
    } finally {
      downstream.close();
      await receiver.close();
    }
  });

  test('unusable datagrams are counted and dropped; later good ones still arrive', async () => {
    const consumer = createCollectingConsumer();
    const receiver = await startTestAwsXrayReceiver(consumer);
    const socket = createSocket('udp4');
    const send = (text: string) => new Promise<void>((resolve, reject) => socket.send(Buffer.from(text), receiver.udpPort, receiver.udpHost, (e) => (e ? reject(e) : resolve())));
    try {
      await send('no header at all');
      await send('{"format":"json","version":1}\n{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"x"}');
      await send('{"format":"json","version":1}\n{"type":"subsegment","trace_id":"1-5759e988-bd862e3fe1be46a994272793","id":"1000000000000002","name":"x","start_time":1}');
      await send('{"format":"json","version":1}\n{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","id":"1000000000000001","name":"good","start_time":1465510280,"end_time":1465510281}');
      const spans = spansOf(await consumer.waitForSpans(1));
      assert.deepEqual(spans.map((s) => s.name), ['good']);
      // Datagrams are handled in arrival order, so the three bad ones were counted before the good one arrived.
      assert.equal(await counted(receiver.telemetry, 'spanbridge_receiver_refused_spans_total', { transport: 'udp', code: 'SB_MALFORMED' }), 3);
    } finally {
      socket.close();
      await receiver.close();
    }
  });
});

describe('awsxray receiver: X-Ray API on TCP', () => {
  test('PutTraceSegments goes into the pipeline; queries read the host\'s store', async () => {
    const consumer = createCollectingConsumer();
    const store = createSqliteStore({ path: ':memory:' });
    const receiver = await startTestAwsXrayReceiver(consumer, {}, store);
    const client = new XRayClient({ endpoint: receiver.apiUrl, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    try {
      const now = Math.floor(Date.now() / 1000);
      const doc = { trace_id: `1-${now.toString(16)}-${'a'.repeat(24)}`, id: '1000000000000001', name: 'via-api', start_time: now, end_time: now + 1 };
      const put = await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(doc)] }));
      assert.deepEqual(put.UnprocessedTraceSegments, []);
      assert.deepEqual(spansOf(consumer.batches).map((s) => s.name), ['via-api']);
      assert.equal(await counted(receiver.telemetry, 'spanbridge_receiver_accepted_spans_total', { transport: 'http' }), 1);
      // The pipeline here does not write the store; the query reads what the store holds.
      await store.write(consumer.batches[0] as TraceBatch);
      const sums = await client.send(new GetTraceSummariesCommand({ StartTime: new Date((now - 60) * 1000), EndTime: new Date((now + 60) * 1000) }));
      assert.deepEqual(sums.TraceSummaries?.map((s) => s.Id), [doc.trace_id]);
    } finally {
      client.destroy();
      await receiver.close();
      await store.close();
    }
  });

  test('the X-Ray SDK fetches sampling rules and targets from it, as from the daemon', async () => {
    const receiver = await startTestAwsXrayReceiver(createCollectingConsumer(), {
      sampling_rules: [{ rule_name: 'orders', priority: 1, fixed_rate: 0.5, reservoir_size: 10, service_name: 'checkout-app', url_path: '/orders/*' }],
    });
    try {
      AWSXRay.setDaemonAddress(`udp:${receiver.udpHost}:${receiver.udpPort} tcp:127.0.0.1:${receiver.apiPort}`);
      // The SDK's own client of GetSamplingRules / SamplingTargets (what its centralized sampler polls).
      const connector = createRequire(import.meta.url)('aws-xray-sdk-core/dist/lib/middleware/sampling/service_connector.js') as {
        fetchSamplingRules(cb: (err: Error | null, rules?: Array<{ getName(): string; getPriority?(): number }>) => void): void;
        fetchTargets(rules: unknown[], cb: (err: Error | null, targets?: Record<string, { rate: number; quota: number; interval: number }>) => void): void;
      };
      const rules = await new Promise<Array<{ getName(): string }>>((resolve, reject) => connector.fetchSamplingRules((e, r) => (e ? reject(e) : resolve(r ?? []))));
      assert.deepEqual(rules.map((r) => r.getName()), ['orders', 'Default']);
      const targets = await new Promise<Record<string, { rate: number; quota: number; interval: number }>>((resolve, reject) => connector.fetchTargets(rules, (e, t) => (e ? reject(e) : resolve(t ?? {}))));
      assert.deepEqual(Object.keys(targets).sort(), ['Default', 'orders']);
      assert.deepEqual([targets.orders?.rate, targets.orders?.quota, targets.orders?.interval], [0.5, 10, 10]);
    } finally {
      await receiver.close();
    }
  });

  test('api.enabled false: no TCP listener', async () => {
    const receiver = await startTestAwsXrayReceiver(createCollectingConsumer(), { api: { enabled: false } });
    try {
      assert.equal(receiver.apiUrl, 'http://');
      assert.ok(receiver.udpPort > 0);
    } finally {
      await receiver.close();
    }
  });
});
