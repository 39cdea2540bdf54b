import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SpanKind } from '../model/span.js';
import { createSqliteStore } from '../store/sqlite/createSqliteStore.js';
import { readerChannel } from '../store/sqlite/workerStore.js';
import { createTelemetry } from '../telemetry/telemetry.js';
import { testBatch } from '../../test/store/testSpans.js';
import { QUERY_REQUESTS_METRIC } from './http/requestCounter.js';
import { startQueryThread } from './queryThread.js';

const dir = mkdtempSync(join(tmpdir(), 'spanbridge-query-thread-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;

function captureLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

test('the query thread answers from the file store, sees writes at once, flushes dependencies through the writer and hands over its counts', { timeout: 60_000 }, async () => {
  // A grace period of a second: the caller below pairs with its callee, no virtual node waits.
  const store = createSqliteStore({ path: join(dir, 'q.db'), dependencyGraceMillis: 1000 });
  const telemetry = createTelemetry();
  const { logger, lines } = captureLogger();
  const channel = readerChannel(store);
  assert.ok(channel !== undefined, 'a file store can be read from another thread');
  const memory = createSqliteStore({ path: ':memory:' });
  assert.equal(readerChannel(memory), undefined, 'an in-memory store cannot');
  await memory.close();
  const thread = await startQueryThread({ endpoint: '127.0.0.1:0', channel, logger, telemetry });
  const get = async (path: string) => (await fetch(`http://${thread.address}${path}`)).json() as Promise<{ data: unknown; total?: number }>;
  try {
    assert.deepEqual((await get('/api/services')).data, []);
    const traceId = 'a1'.repeat(16);
    await store.write(
      testBatch([
        { service: 'frontend', traceId, spanId: '0000000000000001', name: 'GET /cart', kind: SpanKind.CLIENT, startNanos: T0, durationNanos: 5n * MS },
        { service: 'cart', traceId, spanId: '0000000000000002', parentSpanId: '0000000000000001', name: 'GET /cart', kind: SpanKind.SERVER, startNanos: T0 + MS, durationNanos: 3n * MS },
      ]),
    );
    assert.deepEqual((await get('/api/services')).data, ['cart', 'frontend'], 'a committed write is seen by the next query');
    const trace = (await get(`/api/traces/${traceId}`)).data as { spans: unknown[] }[];
    assert.equal(trace[0]?.spans.length, 2);
    // The pair was made in the writer thread at ingest; the query thread's dependency read flushes it first.
    const endTs = Number((T0 + 60_000n * MS) / MS);
    const deps = (await get(`/api/dependencies?endTs=${endTs}&lookback=3600000`)).data as { parent: string; child: string; callCount: number }[];
    assert.deepEqual(deps.map((d) => [d.parent, d.child, d.callCount]), [['frontend', 'cart', 1]]);
    assert.equal((await fetch(`http://${thread.address}/api/traces/${'ff'.repeat(16)}`)).status, 404);
  } finally {
    await thread.close();
    await store.close();
  }
  const counted = (await telemetry.registry.getSingleMetric(QUERY_REQUESTS_METRIC)?.get())?.values ?? [];
  assert.equal(counted.find((v) => v.labels.route === '/api/services' && v.labels.status === '200')?.value, 2, 'counts reach the main thread by close');
  assert.equal(counted.find((v) => v.labels.route === '/api/traces/:traceID' && v.labels.status === '404')?.value, 1);
  assert.ok(lines.every((l) => !l.includes('"level":50')), 'no error logged');
});

test('a start-up failure of the query thread (the port is taken) is reported', { timeout: 60_000 }, async () => {
  const store = createSqliteStore({ path: join(dir, 'taken.db') });
  const telemetry = createTelemetry();
  const first = await startQueryThread({ endpoint: '127.0.0.1:0', channel: readerChannel(store) as NonNullable<ReturnType<typeof readerChannel>>, logger: pino({ level: 'silent' }), telemetry });
  try {
    await assert.rejects(startQueryThread({ endpoint: first.address, channel: readerChannel(store) as NonNullable<ReturnType<typeof readerChannel>>, logger: pino({ level: 'silent' }), telemetry }), /EADDRINUSE|address already in use/);
  } finally {
    await first.close();
    await store.close();
  }
});
