import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { pino } from 'pino';
import { PipelineError } from '../../errors.js';
import { SpanKind } from '../../model/span.js';
import { MS, T0, spanIdOf, traceIdOf } from '../../../test/store/conformance/conformanceKit.js';
import { runStoreConformance } from '../../../test/store/conformance/runStoreConformance.js';
import { skipWithoutClickHouse, startClickHouseServer, type RunningClickHouse } from '../../../test/support/clickhouseServer.js';
import { testBatch } from '../../../test/store/testSpans.js';
import { openConnection } from './clickhouseConnection.js';
import { startStorage } from '../startStorage.js';
import { createClickHouseStore } from './createClickHouseStore.js';

const GRACE_MILLIS = 200;

describe('clickhouse store (real clickhouse-server)', skipWithoutClickHouse(), () => {
  let server: RunningClickHouse;
  let databases = 0;
  before(async () => {
    server = await startClickHouseServer();
  });
  after(() => server?.stop());

  const open = (extra: { batchMaxDelayMillis?: number } = {}) =>
    createClickHouseStore({ endpoint: server.endpoint, database: `conformance_${++databases}`, dependencyGraceMillis: GRACE_MILLIS, batchMaxDelayMillis: 0, ...extra });

  runStoreConformance('clickhouse', async () => open());
  runStoreConformance('clickhouse, writes grouped for 20 ms', async () => open({ batchMaxDelayMillis: 20 }));

  test('literals reach the server intact: quotes, backslashes, NUL, newlines, unicode, huge numbers (property)', async () => {
    const ch = await openConnection({ endpoint: server.endpoint, username: 'default', password: '', compression: false, requestTimeoutMillis: 10_000 });
    try {
      assert.equal(ch.serverParameters, false, `${ch.version} has no query parameters`);
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), async (s, u, i) => {
          const [row] = await ch.select<{ s: string; u: string; i: string }>('SELECT {s:String} AS s, toString({u:UInt64}) AS u, toString({i:Int64}) AS i', { s, u, i });
          // Lone surrogates cannot be sent as UTF-8: they arrive as U+FFFD, as in any UTF-8 request.
          assert.deepEqual(row, { s: Buffer.from(s, 'utf8').toString('utf8'), u: u.toString(), i: i.toString() });
        }),
        { numRuns: 300, examples: [["'\\\0\n\r\t'; DROP TABLE x --", 18_446_744_073_709_551_615n, -9_223_372_036_854_775_808n]] },
      );
    } finally {
      await ch.close();
    }
  });

  test('a write resolves only once ClickHouse has the spans; another store on the same database reads them', async () => {
    const database = `shared_${++databases}`;
    const writer = createClickHouseStore({ endpoint: server.endpoint, database, batchMaxDelayMillis: 10 });
    const reader = createClickHouseStore({ endpoint: server.endpoint, database });
    try {
      const writes = [1, 2, 3].map((n) => writer.write(testBatch([{ service: 'svc', traceId: traceIdOf(n), spanId: spanIdOf(1), name: 'op', kind: SpanKind.SERVER, startNanos: T0, durationNanos: MS }])));
      await Promise.all(writes.map(async (w, i) => {
        await w;
        assert.equal((await reader.getTraceSummary(traceIdOf(i + 1)))?.spanCount, 1);
      }));
      assert.deepEqual(await reader.getServices(), ['svc']);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  test('an unreachable server fails writes with SB_EXPORT_FAILED (retryable), and a bad endpoint is SB_CONFIG', async () => {
    const store = createClickHouseStore({ endpoint: 'http://127.0.0.1:1', database: 'x', timeoutMillis: 2000 });
    await assert.rejects(store.write(testBatch([{ service: 's', traceId: traceIdOf(1), spanId: spanIdOf(1), name: 'x', kind: SpanKind.SERVER, startNanos: T0, durationNanos: MS }])), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED');
    await store.close();
    assert.throws(() => createClickHouseStore({ endpoint: 'not a url', database: 'x' }), (e) => e instanceof PipelineError && e.code === 'SB_CONFIG');
    await assert.rejects(store.getServices(), (e) => e instanceof PipelineError && e.code === 'SB_SHUTTING_DOWN');
  });
});

describe('storage.clickhouse through startStorage (real clickhouse-server)', skipWithoutClickHouse(), () => {
  test('a storage section with clickhouse opens the ClickHouse store, with retention running against it', async () => {
    const server = await startClickHouseServer();
    try {
      const storage = startStorage(
        {
          sqlite: { path: ':memory:' }, retention: '24h', dependency_grace_period: '1s', query_timeout: '2s',
          clickhouse: { endpoint: server.endpoint, database: 'from_config', username: 'default', password: '', create_schema: true, batch: { max_spans: 100, max_delay: '0s' }, compression: true, timeout: '10s' },
        },
        pino({ level: 'silent' }),
      );
      await storage.store.write(testBatch([{ service: 'configured', traceId: traceIdOf(7), spanId: spanIdOf(1), name: 'op', kind: SpanKind.SERVER, startNanos: BigInt(Date.now()) * MS, durationNanos: MS }]));
      assert.deepEqual(await storage.store.getServices(), ['configured']);
      const res = await fetch(server.endpoint, { method: 'POST', body: 'SELECT count() FROM from_config.spans' });
      assert.equal((await res.text()).trim(), '1');
      await storage.close();
    } finally {
      await server.stop();
    }
  });
});
