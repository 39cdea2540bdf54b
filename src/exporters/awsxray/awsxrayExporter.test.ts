import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { BatchGetTracesCommand, GetTraceSummariesCommand, XRayClient } from '@aws-sdk/client-xray';
import { pino } from 'pino';
import { ORIGINAL_TRACE_ID_ANNOTATION, XRAY_TRACE_ID } from '../../codecs/xray/xrayAttributeNames.js';
import { forEachSpan } from '../../model/batch.js';
import { SpanKind } from '../../model/span.js';
import type { Span, TraceBatch } from '../../model/span.js';
import { createCollectingConsumer, startTestAwsXrayReceiver } from '../../../test/receivers/awsxray/testReceiver.js';
import { createSqliteStore } from '../../store/sqlite/createSqliteStore.js';
import { testBatch } from '../../../test/store/testSpans.js';
import type { TestSpanSpec } from '../../../test/store/testSpans.js';
import { redisUnavailable, startRedisServer } from '../../../test/xray/idcache/startRedisServer.js';
import { counter, startScriptedXray, startTestExporter } from '../../../test/exporters/awsxray/testExporter.js';

const NOW_NS = BigInt(Date.now()) * 1_000_000n;
/** A Zipkin-style 64-bit trace id padded to 128 bits: epoch 0, outside X-Ray's window, so the exporter rewrites it. */
const OLD_TRACE = '0000000000000000' + '5c3e1a7b9d2f4e60';

function traceSpans(traceId: string, startNanos: bigint): TestSpanSpec[] {
  return [
    { service: 'frontend', traceId, spanId: 'a000000000000001', name: 'GET /checkout', kind: SpanKind.SERVER, startNanos, durationNanos: 40_000_000n, attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200n } },
    { service: 'frontend', traceId, spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'GET', kind: SpanKind.CLIENT, startNanos: startNanos + 5_000_000n, durationNanos: 20_000_000n, attributes: { 'peer.service': 'backend', 'http.request.method': 'GET', 'url.full': 'http://backend/stock' } },
    { service: 'backend', traceId, spanId: 'a000000000000003', parentSpanId: 'a000000000000002', name: 'GET /stock', kind: SpanKind.SERVER, startNanos: startNanos + 6_000_000n, durationNanos: 15_000_000n },
  ];
}

function spansOf(batches: TraceBatch[]): Span[] {
  const out: Span[] = [];
  for (const b of batches) forEachSpan(b, (s) => out.push(s));
  return out;
}

/** N single-span traces, each its own document. */
function manyDocuments(n: number): TraceBatch {
  return testBatch(Array.from({ length: n }, (_, i) => ({ service: 'bulk', traceId: (NOW_NS / 1_000_000_000n).toString(16).padStart(8, '0') + i.toString(16).padStart(24, '0'), spanId: (i + 1).toString(16).padStart(16, '0'), name: 'op', kind: SpanKind.SERVER, startNanos: NOW_NS, durationNanos: 1_000_000n })));
}

describe('awsxray exporter into the awsxray receiver\'s X-Ray API', () => {
  test('delivers documents whose original trace ids the X-Ray -> OpenTelemetry path restores', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const collected = createCollectingConsumer();
    const receiver = await startTestAwsXrayReceiver({ consume: async (b) => { await store.write(b); await collected.consume(b); } }, {}, store);
    const { exporter, telemetry } = await startTestExporter({ endpoint: receiver.apiUrl, indexed_attributes: ['http.request.method'] });
    const client = new XRayClient({ endpoint: receiver.apiUrl, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    try {
      await exporter.consume(testBatch(traceSpans(OLD_TRACE, NOW_NS - 2_000_000_000n)));
      const spans = spansOf(await collected.waitForSpans(3));
      assert.deepEqual(spans.map((s) => s.traceId), [OLD_TRACE, OLD_TRACE, OLD_TRACE], 'every span is back under its original id');
      const xrayIds = new Set(spans.map((s) => s.attributes.get(XRAY_TRACE_ID)));
      assert.equal(xrayIds.size, 1, 'all segments of the trace got the same X-Ray id');
      const xrayId = [...xrayIds][0] as string;
      assert.equal(xrayId, `1-${((NOW_NS - 2_000_000_000n) / 1_000_000_000n).toString(16)}-${OLD_TRACE.slice(8)}`, 'the epoch is the trace\'s start; the rest of the id is kept');
      assert.deepEqual(spans.map((s) => [s.spanId, s.parentSpanId, s.kind]), [['a000000000000001', '', SpanKind.SERVER], ['a000000000000002', 'a000000000000001', SpanKind.CLIENT], ['a000000000000003', 'a000000000000002', SpanKind.SERVER]]);
      assert.equal(await counter(telemetry, 'spanbridge_exporter_sent_spans_total'), 3);

      const got = await client.send(new BatchGetTracesCommand({ TraceIds: [xrayId] }));
      const docs = (got.Traces?.[0]?.Segments ?? []).map((s) => JSON.parse(s.Document ?? '{}') as { trace_id: string; annotations?: Record<string, unknown> });
      assert.equal(docs.length, 3);
      for (const d of docs) assert.equal(d.trace_id, xrayId);
      assert.ok(docs.every((d) => d.annotations?.[ORIGINAL_TRACE_ID_ANNOTATION] === OLD_TRACE));
      const window = { StartTime: new Date(Number(NOW_NS / 1_000_000n) - 60_000), EndTime: new Date(Number(NOW_NS / 1_000_000n) + 60_000) };
      const found = await client.send(new GetTraceSummariesCommand({ ...window, FilterExpression: `annotation.${ORIGINAL_TRACE_ID_ANNOTATION} = "${OLD_TRACE}" AND annotation.http.request.method = "GET"` }));
      assert.deepEqual(found.TraceSummaries?.map((s) => s.Id), [xrayId]);
    } finally {
      client.destroy();
      await exporter.shutdown();
      await receiver.close();
      await store.close();
    }
  });

  test('passthrough mode only reformats the id', async () => {
    const collected = createCollectingConsumer();
    const receiver = await startTestAwsXrayReceiver(collected);
    const { exporter } = await startTestExporter({ endpoint: receiver.apiUrl, trace_id_mode: 'passthrough' });
    try {
      await exporter.consume(testBatch(traceSpans(OLD_TRACE, NOW_NS)));
      const spans = spansOf(await collected.waitForSpans(3));
      assert.ok(spans.every((s) => s.traceId === OLD_TRACE && !s.attributes.has(XRAY_TRACE_ID)));
    } finally {
      await exporter.shutdown();
      await receiver.close();
    }
  });

  test('calls carry at most 50 documents', async () => {
    const xray = await startScriptedXray(() => ({ status: 200, body: { UnprocessedTraceSegments: [] } }));
    const { exporter, telemetry } = await startTestExporter({ endpoint: xray.url });
    try {
      await exporter.consume(manyDocuments(120));
      assert.deepEqual(xray.calls.map((c) => c.length), [50, 50, 20]);
      assert.equal(new Set(xray.calls.flat()).size, 120);
      assert.equal(await counter(telemetry, 'spanbridge_exporter_sent_spans_total'), 120);
    } finally {
      await exporter.shutdown();
      await xray.close();
    }
  });
});

describe('awsxray exporter retries', () => {
  test('throttling and retryable UnprocessedTraceSegments are sent again, alone; refused documents are not', async () => {
    const idOf = (d: string) => (JSON.parse(d) as { id: string }).id;
    const xray = await startScriptedXray((docs, call) => {
      if (call === 0) return { status: 429, errorType: 'ThrottledException', body: { message: 'Rate exceeded' } };
      if (call === 1) {
        return {
          status: 200,
          body: {
            UnprocessedTraceSegments: [
              { Id: idOf(docs[0] as string), ErrorCode: 'ThrottledException', Message: 'slow down' },
              { Id: idOf(docs[1] as string), ErrorCode: 'InternalFailure', Message: 'try again' },
              { Id: idOf(docs[2] as string), ErrorCode: 'InvalidTraceId', Message: 'Invalid segment. ErrorCode: InvalidTraceId' },
            ],
          },
        };
      }
      return { status: 200, body: { UnprocessedTraceSegments: [] } };
    });
    const { exporter, telemetry } = await startTestExporter({ endpoint: xray.url });
    try {
      await exporter.consume(manyDocuments(5));
      assert.deepEqual(xray.calls.map((c) => c.length), [5, 5, 2], 'the throttled call is repeated whole, then only the two retryable documents');
      assert.deepEqual(xray.calls[2], xray.calls[1]?.slice(0, 2));
      assert.equal(await counter(telemetry, 'spanbridge_exporter_send_failed_spans_total'), 1, 'the refused document counts as failed');
    } finally {
      await exporter.shutdown();
      await xray.close();
    }
  });

  test('after a failed call, only the calls not yet delivered are repeated', async () => {
    const xray = await startScriptedXray((_docs, call) => (call === 1 ? { status: 503, errorType: 'ServiceUnavailableException', body: { message: 'busy' } } : { status: 200, body: { UnprocessedTraceSegments: [] } }));
    const { exporter } = await startTestExporter({ endpoint: xray.url });
    try {
      await exporter.consume(manyDocuments(70));
      assert.deepEqual(xray.calls.map((c) => c.length), [50, 20, 20]);
      assert.equal(new Set(xray.calls.flat()).size, 70);
    } finally {
      await exporter.shutdown();
      await xray.close();
    }
  });

  test('other 4xx answers are permanent: one call, the batch counted as failed', async () => {
    const xray = await startScriptedXray(() => ({ status: 400, errorType: 'InvalidRequestException', body: { message: 'bad documents' } }));
    const { exporter, telemetry } = await startTestExporter({ endpoint: xray.url });
    try {
      await assert.rejects(exporter.consume(manyDocuments(3)), (e: unknown) => (e as { code?: string }).code === 'SB_EXPORT_REJECTED' && /InvalidRequestException: bad documents/.test((e as Error).message));
      assert.equal(xray.calls.length, 1);
      assert.equal(await counter(telemetry, 'spanbridge_exporter_send_failed_spans_total'), 3);
    } finally {
      await exporter.shutdown();
      await xray.close();
    }
  });

  test('a refused signature (403 from the X-Ray API with api.auth) is permanent', async () => {
    const collected = createCollectingConsumer();
    const receiver = await startTestAwsXrayReceiver(collected, { api: { auth: { access_key_id: 'AKIDSPANBRIDGETEST', secret_access_key: 'the-real-secret' } } });
    const { exporter } = await startTestExporter({ endpoint: receiver.apiUrl, aws_secret_access_key: 'not-the-secret' });
    try {
      await assert.rejects(exporter.consume(manyDocuments(1)), /was answered 403: InvalidSignatureException/);
      assert.equal(collected.batches.length, 0);
    } finally {
      await exporter.shutdown();
      await receiver.close();
    }
  });
});

describe('awsxray exporter options', () => {
  test('log_sent_documents logs each call\'s documents', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } }));
    const xray = await startScriptedXray(() => ({ status: 200, body: { UnprocessedTraceSegments: [] } }));
    const { exporter } = await startTestExporter({ endpoint: xray.url, log_sent_documents: true }, { logger });
    try {
      await exporter.consume(manyDocuments(2));
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; documents?: number; segments?: Array<{ name: string }> }).filter((l) => l.msg === 'PutTraceSegments');
      assert.equal(logged.length, 1);
      assert.equal(logged[0]?.documents, 2);
      assert.deepEqual(logged[0]?.segments?.map((s) => s.name), ['bulk', 'bulk']);
    } finally {
      await exporter.shutdown();
      await xray.close();
    }
  });
});

describe('two exporter instances sharing a redis-server', { skip: redisUnavailable() !== undefined && process.env.CI !== 'true' ? redisUnavailable() : false }, () => {
  test('agree on the rewritten id of a trace whose spans they send separately (and would not without it)', async () => {
    assert.equal(redisUnavailable(), undefined, 'redis-server must be installed in CI');
    const redis = await startRedisServer();
    const collected = createCollectingConsumer();
    const receiver = await startTestAwsXrayReceiver(collected);
    const shared = { endpoint: receiver.apiUrl, trace_id_cache: { backend: 'redis', redis: { url: redis.url } } };
    const a = await startTestExporter(shared, { id: 'awsxray/a' });
    const b = await startTestExporter(shared, { id: 'awsxray/b' });
    const separateA = await startTestExporter({ endpoint: receiver.apiUrl }, { id: 'awsxray/memory-a' });
    const separateB = await startTestExporter({ endpoint: receiver.apiUrl }, { id: 'awsxray/memory-b' });
    try {
      const [front, client, back] = traceSpans(OLD_TRACE, NOW_NS - 30_000_000_000n);
      // Each instance sees a different part of the trace, starting 20 s apart: alone, each would pick its own epoch.
      await a.exporter.consume(testBatch([front as TestSpanSpec, client as TestSpanSpec]));
      await b.exporter.consume(testBatch([{ ...(back as TestSpanSpec), startNanos: NOW_NS - 10_000_000_000n }]));
      const viaRedis = spansOf(await collected.waitForSpans(3)).map((s) => s.attributes.get(XRAY_TRACE_ID));
      assert.equal(new Set(viaRedis).size, 1, `one X-Ray id for the trace: ${viaRedis.join(', ')}`);
      const other = '0000000000000000' + '77e1a7b9d2f4e601';
      await separateA.exporter.consume(testBatch(traceSpans(other, NOW_NS - 30_000_000_000n).slice(0, 2)));
      await separateB.exporter.consume(testBatch([{ ...(traceSpans(other, 0n)[2] as TestSpanSpec), startNanos: NOW_NS - 10_000_000_000n }]));
      const viaMemory = spansOf(await collected.waitForSpans(6)).slice(3).map((s) => s.attributes.get(XRAY_TRACE_ID));
      assert.equal(new Set(viaMemory).size, 2, 'without the shared cache the instances disagree');
    } finally {
      for (const x of [a, b, separateA, separateB]) await x.exporter.shutdown();
      await receiver.close();
      await redis.stop();
    }
  });
});
