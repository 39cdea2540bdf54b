// A store whose writer falls behind turns into refusals at the receiver (429 + Retry-After), never into memory: the
// zipkin receiver -> batch -> store exporter -> SQLite file store whose writer thread waits before every transaction.
// Every request answered 2xx must be found in the store afterwards.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../../errors.js';
import { SpanKind } from '../../model/span.js';
import type { Host } from '../../pipeline/component.js';
import { batchFactory } from '../../processors/batch/factory.js';
import { createSqliteStore } from '../../store/sqlite/createSqliteStore.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { startTestReceiver } from '../../../test/receivers/zipkin/testReceiver.js';
import { testBatch } from '../../../test/store/testSpans.js';
import { storeFactory } from './factory.js';

const dir = mkdtempSync(join(tmpdir(), 'spanbridge-backpressure-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const logger = pino({ level: 'silent' });
const SPANS_PER_REQUEST = 50;
const REQUESTS = 60;

function traceIdOf(request: number): string {
  return `bacc${request.toString(16).padStart(28, '0')}`;
}

/** A Zipkin v2 JSON body of one trace: a root SERVER span and CLIENT children with a few tags. */
function body(request: number): string {
  const traceId = traceIdOf(request);
  const spans = Array.from({ length: SPANS_PER_REQUEST }, (_, i) => ({
    traceId,
    id: (i + 1).toString(16).padStart(16, '0'),
    ...(i === 0 ? {} : { parentId: '0000000000000001' }),
    kind: i === 0 ? 'SERVER' : 'CLIENT',
    name: `op-${i % 5}`,
    timestamp: 1_700_000_000_000_000 + request * 1000 + i,
    duration: 150 + i,
    localEndpoint: { serviceName: `svc-${request % 4}` },
    tags: { 'http.method': 'GET', 'http.status_code': '200', 'http.url': `http://svc/${request}/${i}`, component: 'test' },
  }));
  return JSON.stringify(spans);
}

test('a slow writer makes the receiver answer 429 with Retry-After; nothing answered 2xx is lost', { timeout: 120_000 }, async () => {
  // Room for about two requests' spans in the writer's queue; each transaction waits 150 ms.
  const store = createSqliteStore({ path: join(dir, 'slow.db'), maxQueuedBytes: 8 * 1024, writeDelayMillis: 150 });
  const telemetry = createTelemetry();
  const host: Host = { logger, telemetry, store };
  const exporter = storeFactory.createExporter({ id: 'store', logger, telemetry }, {});
  const batch = batchFactory.createProcessor({ id: 'batch', logger, telemetry }, { send_batch_size: 0, send_batch_max_size: 0, timeout: '0' }, exporter);
  await exporter.start(host);
  await batch.start(host);
  const receiver = await startTestReceiver(batch);
  try {
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, request) => {
        const res = await fetch(`${receiver.url}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(request) });
        return { request, status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
      }),
    );
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 429);
    assert.deepEqual(answers.filter((a) => a.status !== 202 && a.status !== 429), [], 'only 202 and 429 answers');
    assert.ok(refused.length > 0, 'the slow writer made the receiver refuse');
    assert.ok(accepted.length > 0, 'and accept what fit');
    for (const r of refused) {
      assert.match(r.retryAfter ?? '', /^[1-9]\d*$/, 'a refusal says when to come back');
      assert.match(r.text, /behind|waiting/);
    }
    for (const a of accepted) {
      const summary = await store.getTraceSummary(traceIdOf(a.request));
      assert.equal(summary?.spanCount, SPANS_PER_REQUEST, `request ${a.request} was answered 202, so all its spans are stored`);
    }
  } finally {
    await receiver.close();
    await batch.shutdown();
    await exporter.shutdown();
    await store.close();
  }
});

test('the file store refuses a write with SB_QUEUE_FULL (retryable, with a delay) while its writer is behind, and takes writes again once it caught up', { timeout: 60_000 }, async () => {
  const store = createSqliteStore({ path: join(dir, 'queue.db'), maxQueuedBytes: 1, writeDelayMillis: 200 });
  const spans = (n: number) => testBatch([{ service: 's', traceId: traceIdOf(1000 + n), spanId: '0000000000000001', name: 'x', kind: SpanKind.SERVER, startNanos: 1n, durationNanos: 1n }]);
  try {
    const first = store.write(spans(1));
    await assert.rejects(store.write(spans(2)), (e) => e instanceof PipelineError && e.code === 'SB_QUEUE_FULL' && e.kind === 'retryable' && (e.retryAfterMillis ?? 0) > 0);
    await first;
    await store.write(spans(3));
    assert.equal((await store.getTraceSummary(traceIdOf(1001)))?.spanCount, 1);
    assert.equal(await store.getTraceSummary(traceIdOf(1002)), undefined);
    assert.equal((await store.getTraceSummary(traceIdOf(1003)))?.spanCount, 1);
  } finally {
    await store.close();
  }
});
