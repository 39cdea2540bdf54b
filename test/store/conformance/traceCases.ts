import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { PipelineError } from '../../../src/errors.js';
import { arbitraryTraceBatch } from '../../model/arbitraries.js';
import { releaseSpans } from '../../../src/model/batch.js';
import { SpanKind, StatusCode } from '../../../src/model/span.js';
import type { AnyValue, TraceBatch } from '../../../src/model/span.js';
import { testBatch, type TestSpanSpec } from '../testSpans.js';
import { MS, T0, assertSameSpans, spanIdOf, storedSpans, traceIdOf, withStore, type OpenStore } from './conformanceKit.js';

/** A span using every field of the model, every AnyValue case and times beyond 2^53. */
function richBatch(): TraceBatch {
  const traceId = traceIdOf(1);
  const span = {
    traceId, spanId: spanIdOf(1), parentSpanId: '', traceState: 'rojo=00f067aa0ba902b7', flags: 0x301, name: 'GET /api', kind: SpanKind.SERVER,
    startTimeUnixNano: 18_446_744_073_709_551_000n, endTimeUnixNano: 18_446_744_073_709_551_615n,
    attributes: new Map<string, AnyValue>([
      ['s', 'text'], ['t', true], ['f', false], ['d', 1.5], ['negzero', -0], ['nan', Number.NaN], ['i', -9_223_372_036_854_775_808n],
      ['b', new Uint8Array([0, 1, 255])], ['empty', null], ['arr', ['a', 1n, [2.5, null]]], ['kv', new Map([['x', new Map([['y', 1n]])]])],
    ]),
    droppedAttributesCount: 3,
    events: [{ timeUnixNano: 18_446_744_073_709_551_100n, name: 'exception', attributes: new Map([['exception.type', 'E']]), droppedAttributesCount: 1 }],
    droppedEventsCount: 2,
    links: [{ traceId: traceIdOf(2), spanId: spanIdOf(9), traceState: 'k=v', attributes: new Map([['l', 1n]]), droppedAttributesCount: 4, flags: 1 }],
    droppedLinksCount: 5,
    status: { code: StatusCode.ERROR, message: 'boom' },
  };
  const other = { ...span, traceId: traceIdOf(3), spanId: spanIdOf(2), attributes: new Map(), events: [], links: [] };
  return {
    resourceSpans: [
      {
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
        resource: { attributes: new Map([['service.name', 'api'], ['host.name', 'h1']]), droppedAttributesCount: 7 },
        scopeSpans: [
          { schemaUrl: 'https://scope/1', scope: { name: 'lib-a', version: '1.2.3', attributes: new Map([['sa', 1n]]), droppedAttributesCount: 1 }, spans: [span, other] },
          { schemaUrl: '', scope: { name: 'lib-b', version: '', attributes: new Map(), droppedAttributesCount: 0 }, spans: [{ ...span, spanId: spanIdOf(3), parentSpanId: spanIdOf(1), kind: SpanKind.INTERNAL }] },
        ],
      },
      {
        schemaUrl: '',
        resource: { attributes: new Map([['service.name', 'db']]), droppedAttributesCount: 0 },
        scopeSpans: [{ schemaUrl: '', scope: { name: 'lib-c', version: '9', attributes: new Map(), droppedAttributesCount: 0 }, spans: [{ ...span, spanId: spanIdOf(4), parentSpanId: spanIdOf(3), kind: SpanKind.CLIENT }] }],
      },
    ],
  };
}

export function registerTraceCases(open: OpenStore): void {
  describe('getTrace and getTraceSummary', () => {
    test('getTrace gives back every span of the trace losslessly, with its resource and scope, and only those', () =>
      withStore(open, async (store) => {
        const batch = richBatch();
        await store.write(batch);
        assertSameSpans(await store.getTrace(traceIdOf(1)), storedSpans(richBatch(), traceIdOf(1)));
        assertSameSpans(await store.getTrace(traceIdOf(3)), storedSpans(richBatch(), traceIdOf(3)));
      }));

    test('getTrace round-trips arbitrary batches (property)', () =>
      withStore(open, async (store) => {
        await fc.assert(
          fc.asyncProperty(arbitraryTraceBatch({ maxResourceSpans: 2, maxScopeSpans: 2, maxSpans: 3 }), async (batch) => {
            const ids = new Set(storedSpans(batch).map((s) => s.span.traceId));
            // Earlier runs may have used the same random trace id; only fresh ones are compared.
            const fresh = [];
            for (const id of ids) if ((await store.getTrace(id)) === undefined) fresh.push(id);
            await store.write(batch);
            for (const id of fresh) assertSameSpans(await store.getTrace(id), storedSpans(batch, id), `trace ${id}`);
          }),
          { numRuns: 40 },
        );
      }));

    test('write keeps no reference to the batch, and getTrace gives a fresh copy each time', () =>
      withStore(open, async (store) => {
        const batch = richBatch();
        await store.write(batch);
        const span = batch.resourceSpans[0]?.scopeSpans[0]?.spans[0];
        span?.attributes.set('s', 'changed');
        span?.links[0]?.attributes.set('l', 'changed');
        batch.resourceSpans[0]?.resource.attributes.set('host.name', 'changed');
        const first = await store.getTrace(traceIdOf(1));
        assertSameSpans(first, storedSpans(richBatch(), traceIdOf(1)));
        first?.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.clear();
        assertSameSpans(await store.getTrace(traceIdOf(1)), storedSpans(richBatch(), traceIdOf(1)));
      }));

    test('write reads the batch before it returns: emptied at once, as the store exporter does, nothing is lost', () =>
      withStore(open, async (store) => {
        const batch = richBatch();
        const committed = store.write(batch);
        // In place, as the store exporter does: a store that kept the array for later finds it empty.
        releaseSpans(batch);
        await committed;
        assertSameSpans(await store.getTrace(traceIdOf(1)), storedSpans(richBatch(), traceIdOf(1)));
      }));

    test('unknown trace ids give undefined', () =>
      withStore(open, async (store) => {
        await store.write(richBatch());
        assert.equal(await store.getTrace(traceIdOf(99)), undefined);
        assert.equal(await store.getTraceSummary(traceIdOf(99)), undefined);
      }));

    test('the summary has the root span, start, duration, span and error counts per service', () =>
      withStore(open, async (store) => {
        const t = traceIdOf(5);
        const spans: TestSpanSpec[] = [
          { service: 'front', traceId: t, spanId: spanIdOf(1), name: 'GET /', kind: SpanKind.SERVER, startNanos: T0, durationNanos: 100n * MS },
          { service: 'front', traceId: t, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'call back', kind: SpanKind.CLIENT, startNanos: T0 + 10n * MS, durationNanos: 50n * MS, status: StatusCode.ERROR },
          { service: 'back', traceId: t, spanId: spanIdOf(3), parentSpanId: spanIdOf(2), name: 'handle', kind: SpanKind.SERVER, startNanos: T0 + 12n * MS, durationNanos: 120n * MS, status: StatusCode.ERROR },
          { service: 'back', traceId: t, spanId: spanIdOf(4), parentSpanId: spanIdOf(3), name: 'work', kind: SpanKind.INTERNAL, startNanos: T0 + 13n * MS, durationNanos: 1n * MS },
        ];
        await store.write(testBatch(spans));
        assert.deepEqual(await store.getTraceSummary(t), {
          traceId: t, rootService: 'front', rootOperation: 'GET /', startTimeUnixNano: T0, durationNanos: 132n * MS, spanCount: 4, errorCount: 2,
          services: [{ service: 'back', spanCount: 2, errorCount: 1 }, { service: 'front', spanCount: 2, errorCount: 1 }],
        });
      }));

    test('late spans update the summary: counts, start, duration, and a late root replaces the earliest-span guess', () =>
      withStore(open, async (store) => {
        const t = traceIdOf(6);
        const child: TestSpanSpec = { service: 'back', traceId: t, spanId: spanIdOf(3), parentSpanId: spanIdOf(2), name: 'handle', kind: SpanKind.SERVER, startNanos: T0 + 20n * MS, durationNanos: 10n * MS };
        const sibling: TestSpanSpec = { ...child, spanId: spanIdOf(4), name: 'handle again', startNanos: T0 + 40n * MS, durationNanos: 30n * MS, status: StatusCode.ERROR };
        await store.write(testBatch([child, sibling]));
        assert.deepEqual(await store.getTraceSummary(t), {
          traceId: t, rootService: 'back', rootOperation: 'handle', startTimeUnixNano: T0 + 20n * MS, durationNanos: 50n * MS, spanCount: 2, errorCount: 1,
          services: [{ service: 'back', spanCount: 2, errorCount: 1 }],
        });
        const root: TestSpanSpec = { service: 'front', traceId: t, spanId: spanIdOf(1), name: 'GET /', kind: SpanKind.SERVER, startNanos: T0 + 5n * MS, durationNanos: 100n * MS };
        await store.write(testBatch([root]));
        assert.deepEqual(await store.getTraceSummary(t), {
          traceId: t, rootService: 'front', rootOperation: 'GET /', startTimeUnixNano: T0 + 5n * MS, durationNanos: 100n * MS, spanCount: 3, errorCount: 1,
          services: [{ service: 'back', spanCount: 2, errorCount: 1 }, { service: 'front', spanCount: 1, errorCount: 0 }],
        });
        // An even earlier span with a parent does not displace the parentless root.
        await store.write(testBatch([{ ...child, spanId: spanIdOf(7), name: 'early', startNanos: T0 }]));
        const s = await store.getTraceSummary(t);
        assert.equal(s?.rootOperation, 'GET /');
        assert.equal(s?.startTimeUnixNano, T0);
        assert.equal(s?.durationNanos, 105n * MS);
        assert.equal(s?.spanCount, 4);
        assert.equal((await store.getTrace(t))?.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((x) => x.spans)).length, 4);
      }));

    test('a batch with a malformed id is refused with SB_MALFORMED and nothing of it is stored', () =>
      withStore(open, async (store) => {
        const good: TestSpanSpec = { service: 'a', traceId: traceIdOf(8), spanId: spanIdOf(1), name: 'x', kind: SpanKind.SERVER, startNanos: T0, durationNanos: MS };
        const bad = { ...good, traceId: 'not-a-trace-id' };
        await assert.rejects(store.write(testBatch([good, bad])), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && /traceId/.test(e.message));
        assert.equal(await store.getTrace(traceIdOf(8)), undefined);
        await store.write(testBatch([good]));
        assert.equal((await store.getTraceSummary(traceIdOf(8)))?.spanCount, 1);
      }));
  });
}
