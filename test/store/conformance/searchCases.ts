import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../../src/errors.js';
import { SpanKind } from '../../../src/model/span.js';
import type { TraceQuery, TraceStore } from '../../../src/store/store.js';
import { testBatch } from '../testSpans.js';
import { MINUTE, MS, T0, spanIdOf, traceIdOf, withStore, type OpenStore } from './conformanceKit.js';
import { DATASET_TRACES, TIED_START, datasetBatch, expectedTraceIds } from './searchDataset.js';

/** Queries whose answers the oracle in searchDataset.ts gives. */
const QUERIES: [string, TraceQuery][] = [
  ['everything', {}],
  ['service', { service: 'cart' }],
  ['service only some traces have', { service: 'payment' }],
  ['service and operation', { service: 'frontend', operation: 'POST /checkout' }],
  ['operation without service', { operation: 'charge' }],
  ['span kind', { service: 'frontend', spanKind: SpanKind.CLIENT }],
  ['kind that no span of the service has', { service: 'cart', spanKind: SpanKind.CLIENT }],
  ['span attribute equals (string)', { attributes: [{ key: 'user.id', op: 'equals', value: 'u1' }] }],
  ['span attribute equals (int64 as text)', { attributes: [{ key: 'http.response.status_code', op: 'equals', value: '500' }] }],
  ['span attribute equals (bool as text)', { service: 'cart', attributes: [{ key: 'cart.express', op: 'equals', value: 'true' }] }],
  ['span attribute equals (double as text)', { attributes: [{ key: 'ratio', op: 'equals', value: '2.5' }] }],
  ['resource attribute equals', { service: 'cart', attributes: [{ key: 'deployment.environment', op: 'equals', value: 'staging' }] }],
  ['service.name as an attribute', { attributes: [{ key: 'service.name', op: 'equals', value: 'payment' }] }],
  ['attribute exists', { attributes: [{ key: 'payment.method', op: 'exists' }] }],
  ['attribute regex', { attributes: [{ key: 'user.id', op: 'regex', value: '^u[23]$' }] }],
  ['resource attribute regex', { service: 'frontend', attributes: [{ key: 'deployment.environment', op: 'regex', value: 'stag' }] }],
  ['two attributes on one span', { attributes: [{ key: 'http.request.method', op: 'equals', value: 'GET' }, { key: 'user.id', op: 'equals', value: 'u2' }] }],
  ['two attributes never on one span', { attributes: [{ key: 'user.id', op: 'exists' }, { key: 'payment.method', op: 'exists' }] }],
  ['span and resource attributes together', { attributes: [{ key: 'payment.method', op: 'equals', value: 'card' }, { key: 'deployment.environment', op: 'equals', value: 'prod' }] }],
  ['min duration', { minDurationNanos: 40n * MS }],
  ['max duration with service', { service: 'cart', maxDurationNanos: 6n * MS }],
  ['min and max duration', { service: 'frontend', minDurationNanos: 20n * MS, maxDurationNanos: 30n * MS }],
  ['duration is of the matching span, not of another', { service: 'cart', minDurationNanos: 200n * MS }],
  ['duration on the long span', { service: 'payment', minDurationNanos: 220n * MS }],
  ['time range (inclusive)', { startTimeMin: T0 + 5n * MINUTE, startTimeMax: T0 + 12n * MINUTE }],
  ['time range with service and attribute', { service: 'frontend', startTimeMin: T0 + 3n * MINUTE, startTimeMax: T0 + 25n * MINUTE, attributes: [{ key: 'user.id', op: 'equals', value: 'u0' }] }],
  ['time range on tied starts', { service: 'cart', startTimeMin: TIED_START, startTimeMax: TIED_START }],
  ['unknown service', { service: 'nope' }],
  ['unknown attribute key', { attributes: [{ key: 'nope', op: 'exists' }] }],
  ['unknown attribute value', { attributes: [{ key: 'user.id', op: 'equals', value: 'u9' }] }],
];

async function allPages(store: TraceStore, q: TraceQuery, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const r = await store.findTraces({ ...q, limit, ...(cursor === undefined ? {} : { cursor }) });
    pages.push(r.traces.map((t) => t.traceId));
    if (r.nextCursor === undefined) return pages;
    cursor = r.nextCursor;
  }
  return assert.fail('pagination does not end');
}

function assertMalformed(e: unknown): boolean {
  return e instanceof PipelineError && e.code === 'SB_MALFORMED';
}

export function registerSearchCases(open: OpenStore): void {
  describe('findTraces', () => {
    test('answers each kind of query like the reference oracle, newest first', () =>
      withStore(open, async (store) => {
        await store.write(datasetBatch());
        for (const [name, q] of QUERIES) {
          const got = (await store.findTraces({ ...q, limit: 1000 })).traces.map((t) => t.traceId);
          assert.deepEqual(got, expectedTraceIds(q), name);
        }
        assert.ok(expectedTraceIds({ service: 'payment' }).length > 0 && expectedTraceIds({ service: 'cart', minDurationNanos: 200n * MS }).length === 0);
      }));

    test('pages with a cursor have no duplicates and no gaps, ties included, and the last has no cursor', () =>
      withStore(open, async (store) => {
        await store.write(datasetBatch());
        for (const [name, q] of QUERIES.slice(0, 16)) {
          for (const limit of [1, 4, 7]) {
            const pages = await allPages(store, q, limit);
            for (const p of pages) assert.ok(p.length <= limit, `${name}: page over limit`);
            assert.ok(pages.slice(0, -1).every((p) => p.length === limit), `${name}: short page before the last`);
            assert.deepEqual(pages.flat(), expectedTraceIds(q), `${name}, limit ${limit}`);
          }
        }
      }));

    test('results carry the trace summaries, and the default limit is 20', () =>
      withStore(open, async (store) => {
        await store.write(datasetBatch());
        const r = await store.findTraces({});
        assert.equal(r.traces.length, 20);
        assert.ok(r.nextCursor !== undefined);
        for (const t of r.traces.slice(0, 5)) assert.deepEqual(t, await store.getTraceSummary(t.traceId));
        assert.equal(DATASET_TRACES > 20, true);
      }));

    test('a late span makes its trace match and moves it to its new start', () =>
      withStore(open, async (store) => {
        await store.write(datasetBatch());
        const t = traceIdOf(1000 + 7);
        const late = testBatch([{ service: 'audit', traceId: t, spanId: spanIdOf(50), parentSpanId: spanIdOf(1), name: 'record', kind: SpanKind.CONSUMER, startNanos: TIED_START + MINUTE, durationNanos: MS }]);
        assert.deepEqual((await store.findTraces({ service: 'audit' })).traces, []);
        await store.write(late);
        assert.deepEqual((await store.findTraces({ service: 'audit' })).traces.map((x) => x.traceId), [t]);
        const earlier = testBatch([{ service: 'gateway', traceId: t, spanId: spanIdOf(51), name: 'GET', kind: SpanKind.SERVER, startNanos: T0 - MINUTE, durationNanos: 10n * MINUTE }]);
        await store.write(earlier);
        const oldest = (await store.findTraces({ limit: 1000 })).traces.at(-1);
        assert.equal(oldest?.traceId, t);
        assert.equal(oldest?.rootService, 'gateway');
        assert.deepEqual((await store.findTraces({ service: 'audit', startTimeMin: T0 })).traces, []);
      }));

    test('bad queries are refused with SB_MALFORMED', () =>
      withStore(open, async (store) => {
        await store.write(datasetBatch());
        const bad: [string, TraceQuery][] = [
          ['limit 0', { limit: 0 }],
          ['limit over 1000', { limit: 1001 }],
          ['fractional limit', { limit: 1.5 }],
          ['cursor not issued by the store', { cursor: 'bm90IGEgY3Vyc29y' }],
          ['invalid regex', { attributes: [{ key: 'user.id', op: 'regex', value: '(' }] }],
          ['regex with a backreference (not RE2)', { attributes: [{ key: 'user.id', op: 'regex', value: '(a)\\1' }] }],
          ['regex whose repetitions multiply past the program limit', { attributes: [{ key: 'user.id', op: 'regex', value: '(a{1,100}){1,100}' }] }],
          ['regex too long', { attributes: [{ key: 'user.id', op: 'regex', value: 'a'.repeat(300) }] }],
          ['equals without a value', { attributes: [{ key: 'user.id', op: 'equals' }] }],
          ['min duration over max', { minDurationNanos: 2n * MS, maxDurationNanos: MS }],
        ];
        for (const [name, q] of bad) await assert.rejects(store.findTraces(q), assertMalformed, name);
      }));
  });
}
