// Search cost follows the index, not the spans stored (README.md, "Search"): a crowd of traces of one service starting
// at one moment, searched by service alone, for a value no span has, for a value one trace has and for a value every
// trace has. The reader counts the rows each search looks at; results are checked against the order the store
// promises (start, then trace id, newest first), trace ids being numbered apart from arrival order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SpanKind } from '../../model/span.js';
import { MINUTE, MS, T0, spanIdOf, traceIdOf } from '../../../test/store/conformance/conformanceKit.js';
import { testBatch, type TestSpanSpec } from '../../../test/store/testSpans.js';
import type { StoreReader, TraceQuery } from '../store.js';
import { BatchWireEncoder } from './batchWire.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';
import { createSqliteReader } from './sqliteReader.js';
import { createSqliteWriter, type SqliteWriter } from './sqliteWriter.js';

const TRACES = 2000;
const SPANS = 20;
const PER_WRITE = 100;
/** The crowd's one trace with `marker = needle`. */
const NEEDLE = 1234;

/** Trace i's id: numbered by 7919 i mod TRACES, so id order is not arrival order. */
const crowdId = (i: number) => traceIdOf(((i * 7919) % TRACES) + 1);

function crowdSpans(from: number, to: number): TestSpanSpec[] {
  const specs: TestSpanSpec[] = [];
  for (let i = from; i < to; i++) {
    for (let s = 1; s <= SPANS; s++) {
      specs.push({
        service: 'crowd', traceId: crowdId(i), spanId: spanIdOf(s), ...(s > 1 ? { parentSpanId: spanIdOf(1) } : {}),
        name: `op${s}`, kind: s === 1 ? SpanKind.SERVER : SpanKind.INTERNAL, startNanos: T0, durationNanos: MS,
        attributes: { n: String(s), ...(i === NEEDLE && s === 7 ? { marker: 'needle' } : {}) }, resourceAttributes: { zone: i % 2 === 0 ? 'even' : 'odd' },
      });
    }
  }
  return specs;
}

describe('sqlite search cost with a crowd of traces starting together', () => {
  const db = openDatabase(MEMORY_PATH);
  let writer: SqliteWriter;
  let reader: StoreReader;
  let rowsRead = 0;
  const encoder = new BatchWireEncoder();
  const write = (specs: TestSpanSpec[]) => writer.write(encoder.encode(testBatch(specs)).bytes);
  /** Every crowd trace id in page order. */
  const inOrder = Array.from({ length: TRACES }, (_, i) => crowdId(i)).sort().reverse();

  async function search(q: TraceQuery): Promise<{ ids: string[]; cursor: string | undefined; rows: number }> {
    const r = await reader.findTraces(q);
    return { ids: r.traces.map((t) => t.traceId), cursor: r.nextCursor, rows: rowsRead };
  }

  before(() => {
    writer = createSqliteWriter(db, { graceMillis: 1000, maxPendingSpans: 1000 });
    reader = createSqliteReader(db, { flushEdges: async () => writer.takeEdgeChanges(), isOpen: () => true }, { onSearched: (n) => (rowsRead = n) });
    for (let t = 0; t < TRACES; t += PER_WRITE) write(crowdSpans(t, t + PER_WRITE));
    // Another service, later, that no crowd search wants.
    write(Array.from({ length: 300 }, (_, i) => ({ service: 'other', traceId: traceIdOf(10_000 + i), spanId: spanIdOf(1), name: 'GET', kind: SpanKind.SERVER, startNanos: T0 + MINUTE, durationNanos: MS, attributes: { n: '1' } })));
  });
  after(() => {
    writer.close();
    db.close();
  });

  test('by service alone: the first page, and the next, in order, reading about `limit` traces rather than 40,000 spans', async () => {
    const first = await search({ service: 'crowd', limit: 20 });
    assert.deepEqual(first.ids, inOrder.slice(0, 20));
    assert.ok(first.cursor !== undefined);
    assert.ok(first.rows < 2000, `${first.rows} rows read`);
    const second = await search({ service: 'crowd', limit: 20, cursor: first.cursor });
    assert.deepEqual(second.ids, inOrder.slice(20, 40));
    assert.ok(second.rows < 2000, `${second.rows} rows read`);
  });

  test('a value no span has is answered from the span blocks alone', async () => {
    const none = await search({ service: 'crowd', attributes: [{ key: 'n', op: 'equals', value: 'no span has this' }] });
    assert.deepEqual(none.ids, []);
    assert.ok(none.rows < 100, `${none.rows} rows read`);
    const unknownResource = await search({ service: 'crowd', attributes: [{ key: 'zone', op: 'equals', value: 'nowhere' }] });
    assert.deepEqual(unknownResource.ids, []);
    assert.ok(unknownResource.rows < 100, `${unknownResource.rows} rows read`);
  });

  test('a value one trace has reads the block that holds it', async () => {
    const one = await search({ service: 'crowd', attributes: [{ key: 'marker', op: 'equals', value: 'needle' }] });
    assert.deepEqual(one.ids, [crowdId(NEEDLE)]);
    assert.ok(one.rows < 3 * PER_WRITE * SPANS, `${one.rows} rows read`);
    const withResource = await search({ service: 'crowd', attributes: [{ key: 'marker', op: 'exists' }, { key: 'zone', op: 'equals', value: 'even' }] });
    assert.deepEqual(withResource.ids, [crowdId(NEEDLE)]);
  });

  test('a value every trace has: pages in order, without duplicates or gaps, each reading few rows', async () => {
    const q: TraceQuery = { service: 'crowd', attributes: [{ key: 'n', op: 'equals', value: '3' }], limit: 300 };
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ ...q, ...(cursor === undefined ? {} : { cursor }) });
      ids.push(...page.ids);
      cursor = page.cursor;
      assert.ok(page.rows < 20_000, `${page.rows} rows read`);
    } while (cursor !== undefined);
    assert.deepEqual(ids, inOrder);
  });

  test('a regex cannot use the blocks but is still right', async () => {
    const r = await search({ service: 'crowd', attributes: [{ key: 'marker', op: 'regex', value: '^need' }] });
    assert.deepEqual(r.ids, [crowdId(NEEDLE)]);
  });

  test('spans written before the file had blocks are searched by the span index; retention deletes old blocks', async () => {
    const blocks = () => Number(db.prepare('SELECT count(*) FROM span_blocks').pluck().get());
    assert.ok(blocks() > TRACES / PER_WRITE);
    // As a file of schema 2 opened by this version: no block for the spans stored so far.
    db.exec("DELETE FROM span_blocks; UPDATE meta SET value = (SELECT max(id) + 1 FROM spans) WHERE key = 'blocks_from_span_id'");
    const late: TestSpanSpec = { service: 'crowd', traceId: traceIdOf(20_000), spanId: spanIdOf(1), name: 'late', kind: SpanKind.SERVER, startNanos: T0 + 2n * MINUTE, durationNanos: MS, attributes: { marker: 'needle' } };
    write([late]);
    assert.equal(blocks(), 1);
    const both = await search({ service: 'crowd', attributes: [{ key: 'marker', op: 'equals', value: 'needle' }] });
    assert.deepEqual(both.ids, [late.traceId, crowdId(NEEDLE)]);

    await writer.deleteBefore(T0 + MINUTE);
    const after = await search({ service: 'crowd', attributes: [{ key: 'marker', op: 'equals', value: 'needle' }] });
    assert.deepEqual(after.ids, [late.traceId]);
    write([{ ...late, traceId: traceIdOf(20_001), startNanos: T0 }]);
    assert.equal(blocks(), 2);
    await writer.deleteBefore(T0 + MINUTE);
    assert.equal(blocks(), 1, 'the block of spans before the cutoff is deleted');
    assert.deepEqual((await search({ service: 'crowd', attributes: [{ key: 'marker', op: 'exists' }] })).ids, [late.traceId]);
  });
});
