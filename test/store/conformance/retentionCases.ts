import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind } from '../../../src/model/span.js';
import { testBatch, type TestSpanSpec } from '../testSpans.js';
import { HOUR, MS, T0, spanIdOf, traceIdOf, withStore, type OpenStore } from './conformanceKit.js';

function trace(n: number, start: bigint, attrs: Record<string, string>): TestSpanSpec[] {
  const traceId = traceIdOf(800 + n);
  return [
    { service: 'a', traceId, spanId: spanIdOf(1), name: 'root', kind: SpanKind.SERVER, startNanos: start, durationNanos: 20n * MS, attributes: attrs },
    { service: 'a', traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'call', kind: SpanKind.CLIENT, startNanos: start + MS, durationNanos: 10n * MS },
    { service: 'b', traceId, spanId: spanIdOf(3), parentSpanId: spanIdOf(2), name: 'serve', kind: SpanKind.SERVER, startNanos: start + 2n * MS, durationNanos: 5n * MS },
  ];
}

export function registerRetentionCases(open: OpenStore): void {
  describe('deleteBefore', () => {
    test('deletes traces that started before the cutoff with their summaries, search entries and edges, and keeps the rest', () =>
      withStore(open, async (store) => {
        const old = T0 - 48n * HOUR;
        await store.write(testBatch([...trace(1, old, { tag: 'old' }), ...trace(2, old + HOUR, { tag: 'old' }), ...trace(3, T0, { tag: 'new' })]));
        assert.equal(await store.deleteBefore(T0 - 24n * HOUR), 6);
        for (const n of [1, 2]) {
          assert.equal(await store.getTrace(traceIdOf(800 + n)), undefined);
          assert.equal(await store.getTraceSummary(traceIdOf(800 + n)), undefined);
        }
        assert.equal((await store.getTraceSummary(traceIdOf(803)))?.spanCount, 3);
        assert.equal((await store.getTrace(traceIdOf(803)))?.resourceSpans.length, 2);
        assert.deepEqual((await store.findTraces({ attributes: [{ key: 'tag', op: 'equals', value: 'old' }] })).traces, []);
        assert.deepEqual((await store.findTraces({ service: 'a' })).traces.map((t) => t.traceId), [traceIdOf(803)]);
        assert.deepEqual((await store.findTraces({})).traces.map((t) => t.traceId), [traceIdOf(803)]);
        assert.deepEqual(await store.getDependencies(old - HOUR, old + 2n * HOUR), []);
        assert.equal((await store.getDependencies(T0 - HOUR, T0 + HOUR))[0]?.callCount, 1);
        assert.equal(await store.deleteBefore(T0 - 24n * HOUR), 0);
      }));

    test('the store takes writes during and after a deletion, and old data written again is stored again', () =>
      withStore(open, async (store) => {
        const old = T0 - 48n * HOUR;
        const batch: TestSpanSpec[] = [];
        for (let i = 0; i < 300; i++) batch.push(...trace(10 + i, old + BigInt(i) * MS, {}));
        await store.write(testBatch(batch));
        const deleting = store.deleteBefore(T0 - HOUR);
        await store.write(testBatch(trace(400, T0, {})));
        assert.equal(await deleting, 900);
        assert.equal((await store.getTraceSummary(traceIdOf(1200)))?.spanCount, 3);
        await store.write(testBatch(trace(10, old, {})));
        assert.equal((await store.getTraceSummary(traceIdOf(810)))?.spanCount, 3);
        assert.equal((await store.findTraces({ limit: 1000 })).traces.length, 2);
      }));
  });
}
