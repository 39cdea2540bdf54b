import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { SpanKind } from '../../model/span.js';
import { HOUR, MS, T0, spanIdOf, traceIdOf } from '../../../test/store/conformance/conformanceKit.js';
import { runStoreConformance } from '../../../test/store/conformance/runStoreConformance.js';
import { datasetBatch } from '../../../test/store/conformance/searchDataset.js';
import { testBatch, type TestSpanSpec } from '../../../test/store/testSpans.js';
import { createSqliteStore } from './createSqliteStore.js';

const GRACE_MILLIS = 200;

runStoreConformance('sqlite :memory:', async () => createSqliteStore({ path: ':memory:', dependencyGraceMillis: GRACE_MILLIS }));

const dir = mkdtempSync(join(tmpdir(), 'spanbridge-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
runStoreConformance('sqlite file', async () => createSqliteStore({ path: join(dir, `store-${++files}`, 'spans.db'), dependencyGraceMillis: GRACE_MILLIS }));

describe('sqlite store files', () => {
  const at = (name: string) => join(dir, 'files', name, 'nested', 'spans.db');

  test('creates missing folders and keeps everything across a reopen; new traces after it do not collide', async () => {
    const path = at('reopen');
    const first = createSqliteStore({ path });
    await first.write(datasetBatch());
    await first.write(testBatch([loneClient()]));
    const query = { service: 'frontend', attributes: [{ key: 'user.id', op: 'equals' as const, value: 'u1' }], limit: 5 };
    const before = {
      trace: await first.getTrace(traceIdOf(1003)), summary: await first.getTraceSummary(traceIdOf(1003)), search: await first.findTraces(query),
      services: await first.getServices(), operations: await first.getOperations(), keys: await first.getAttributeKeys(), values: await first.getAttributeValues('user.id'),
    };
    assert.ok(existsSync(`${path}-wal`), 'WAL journal');
    await first.close();

    const second = createSqliteStore({ path });
    try {
      assert.deepEqual(await second.getTrace(traceIdOf(1003)), before.trace);
      assert.deepEqual(await second.getTraceSummary(traceIdOf(1003)), before.summary);
      assert.deepEqual(await second.findTraces(query), before.search);
      assert.deepEqual(await second.getServices(), before.services);
      assert.deepEqual(await second.getOperations(), before.operations);
      assert.deepEqual(await second.getAttributeKeys(), before.keys);
      assert.deepEqual(await second.getAttributeValues('user.id'), before.values);
      // The caller left waiting at close counts as a call to its virtual peer.
      const edges = await second.getDependencies(T0 - HOUR, T0 + 2n * HOUR);
      assert.ok(edges.some((e) => e.parent === 'productpage' && e.child === 'reviews' && e.callCount === 1), JSON.stringify(edges, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
      // A late span for a stored trace updates its summary; a new trace gets its own row.
      await second.write(testBatch([{ service: 'late', traceId: traceIdOf(1003), spanId: spanIdOf(60), parentSpanId: spanIdOf(1), name: 'x', kind: SpanKind.INTERNAL, startNanos: T0, durationNanos: MS }]));
      await second.write(testBatch([{ service: 'new', traceId: traceIdOf(9999), spanId: spanIdOf(1), name: 'y', kind: SpanKind.SERVER, startNanos: T0, durationNanos: MS }]));
      assert.equal((await second.getTraceSummary(traceIdOf(1003)))?.spanCount, (before.summary?.spanCount ?? 0) + 1);
      assert.equal((await second.getTraceSummary(traceIdOf(9999)))?.spanCount, 1);
      assert.equal((await second.getTraceSummary(traceIdOf(1004)))?.spanCount, 3);
    } finally {
      await second.close();
    }
  });

  test('a closed store refuses calls with SB_SHUTTING_DOWN; closing twice is harmless', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.close();
    await store.close();
    await assert.rejects(store.write(datasetBatch()), (e) => e instanceof PipelineError && e.code === 'SB_SHUTTING_DOWN');
    await assert.rejects(store.getServices(), (e) => e instanceof PipelineError && e.code === 'SB_SHUTTING_DOWN');
  });

  test('a path that cannot be opened is a configuration error naming it', () => {
    const path = join(dir, 'files', 'a-folder');
    mkdirSync(path, { recursive: true });
    assert.throws(() => createSqliteStore({ path }), (e) => e instanceof PipelineError && e.code === 'SB_CONFIG' && e.message.includes(path));
  });
});

/** A CLIENT span whose partner never comes. */
function loneClient(): TestSpanSpec {
  return { service: 'productpage', traceId: traceIdOf(4242), spanId: spanIdOf(1), name: 'GET', kind: SpanKind.CLIENT, startNanos: T0, durationNanos: MS, attributes: { 'peer.service': 'reviews' } };
}
