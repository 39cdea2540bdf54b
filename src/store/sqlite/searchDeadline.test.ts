// Searches run under storage.query_timeout: a search that must read many rows (traces sharing one start time, an
// attribute no span has) is stopped inside SQLite and refused, and the store answers normally afterwards.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { SpanKind } from '../../model/span.js';
import { MS, T0, spanIdOf, traceIdOf } from '../../../test/store/conformance/conformanceKit.js';
import { testBatch, type TestSpanSpec } from '../../../test/store/testSpans.js';
import { createSqliteStore } from './createSqliteStore.js';

/** `traces` traces of two spans of service `shop`, all starting at T0. */
function sharedStart(traces: number): TestSpanSpec[] {
  return Array.from({ length: traces }, (_, i) => [1, 2].map((s) => ({
    service: 'shop', traceId: traceIdOf(i + 1), spanId: spanIdOf(s), ...(s === 2 ? { parentSpanId: spanIdOf(1) } : {}),
    name: s === 1 ? 'GET' : 'SELECT', kind: s === 1 ? SpanKind.SERVER : SpanKind.CLIENT, startNanos: T0, durationNanos: MS, attributes: { 'user.id': `u${i}` },
  }))).flat();
}

const timedOut = (e: unknown) => e instanceof PipelineError && e.code === 'SB_QUERY_TIMEOUT' && /storage\.query_timeout/.test(e.message);

describe('sqlite search deadline', () => {
  test('a search past its deadline is stopped with SB_QUERY_TIMEOUT, on both plans; the store goes on answering', async () => {
    // A deadline of 0 ms is past at the first clock check (every 256 rows), so any search reading more rows stops.
    const stopped = createSqliteStore({ path: ':memory:', searchTimeoutMillis: 0 });
    const normal = createSqliteStore({ path: ':memory:' });
    try {
      for (const store of [stopped, normal]) await store.write(testBatch(sharedStart(600)));
      const byService = { service: 'shop', attributes: [{ key: 'user.id', op: 'regex' as const, value: '^nobody$' }] };
      const byTrace = { attributes: [{ key: 'user.id', op: 'equals' as const, value: 'nobody' }] };
      await assert.rejects(stopped.findTraces(byService), timedOut);
      await assert.rejects(stopped.findTraces(byTrace), timedOut);
      assert.deepEqual(await normal.findTraces(byService), { traces: [] });
      assert.deepEqual(await normal.findTraces(byTrace), { traces: [] });
      assert.equal((await normal.findTraces({ service: 'shop', limit: 3 })).traces.length, 3);
      // Reads other than search have no deadline.
      assert.equal((await stopped.getTrace(traceIdOf(7)))?.resourceSpans.length, 1);
    } finally {
      await stopped.close();
      await normal.close();
    }
  });
});
