// The writer stores what it can of a batch with a span SQLite refuses and names that span, without the sending thread
// keeping the batch; every batch is read once whatever happens, so the key dictionary stays in step.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { PipelineError } from '../../errors.js';
import { spanKey } from '../../model/ids.js';
import { SpanKind, type AnyValue, type TraceBatch } from '../../model/span.js';
import { T0, spanIdOf, traceIdOf } from '../../../test/store/conformance/conformanceKit.js';
import { testBatch, type TestSpanSpec } from '../../../test/store/testSpans.js';
import { BatchWireEncoder } from './batchWire.js';
import { createGroupCommit } from './groupCommit.js';
import { createSqliteStore } from './createSqliteStore.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';
import { createSqliteReader } from './sqliteReader.js';
import { createSqliteWriter } from './sqliteWriter.js';

const POISON_TRIGGER = "CREATE TRIGGER refuse_poison BEFORE INSERT ON spans WHEN NEW.name = 'poison' BEGIN SELECT RAISE(ABORT, 'the poison span is refused'); END";

let nextSpan = 1;
/** A span of its own trace, named `name`, with the attributes given (new keys define dictionary numbers). */
function spec(service: string, name: string, attributes: Record<string, AnyValue> = {}): TestSpanSpec {
  const n = nextSpan++;
  return { service, traceId: traceIdOf(n), spanId: spanIdOf(n), name, kind: SpanKind.SERVER, startNanos: T0 + BigInt(n), durationNanos: 1000n, attributes };
}

function setup() {
  const db = openDatabase(MEMORY_PATH);
  db.exec(POISON_TRIGGER);
  const writer = createSqliteWriter(db, { graceMillis: 1000, maxPendingSpans: 1000 });
  const reader = createSqliteReader(db, { flushEdges: async () => ({ all: true, keys: [] }), isOpen: () => true });
  const encoder = new BatchWireEncoder();
  return { db, commit: createGroupCommit(writer), encoder, reader, close: () => (writer.close(), db.close()) };
}

async function storedAttributes(reader: ReturnType<typeof setup>['reader'], s: TestSpanSpec): Promise<Record<string, unknown> | undefined> {
  const trace = await reader.getTrace(s.traceId);
  const span = trace?.resourceSpans[0]?.scopeSpans[0]?.spans.find((x) => x.spanId === s.spanId);
  return span === undefined ? undefined : Object.fromEntries(span.attributes);
}

void describe('group commit', () => {
  void test('a poison span in a group costs only itself: the rest of its batch and the other batches are stored', async () => {
    const t = setup();
    const first = [spec('a', 'ok', { 'http.method': 'GET' })];
    // The second batch defines keys the third uses by number only.
    const second = [spec('b', 'ok', { 'new.key': 'x' }), spec('b', 'poison', { 'new.key': 'y', 'other.key': 1 }), spec('c', 'ok'), spec('b', 'ok', { 'other.key': 2 })];
    const third = [spec('d', 'ok', { 'new.key': 'z', 'other.key': 3 })];
    const outcomes = t.commit([first, second, third].map((b) => t.encoder.encode(testBatch(b)).bytes));
    assert.deepEqual(outcomes[0], {});
    assert.deepEqual(outcomes[2], {});
    const refusal = outcomes[1]?.error;
    assert.ok(refusal instanceof PipelineError && refusal.code === 'SB_MALFORMED', String(refusal));
    assert.match(refusal.message, /1 span\(s\) could not be stored: .*the poison span is refused/);
    const poison = second[1] as TestSpanSpec;
    assert.deepEqual([...(refusal.refusedSpans ?? [])], [spanKey(poison.traceId, poison.spanId)]);
    assert.equal(outcomes[1]?.restart, undefined);
    for (const s of [...first, ...second, ...third]) {
      const attrs = await storedAttributes(t.reader, s);
      if (s === poison) assert.equal(attrs, undefined, 'the poison span is not stored');
      else assert.deepEqual(attrs, s.attributes, `${s.service} ${s.spanId}`);
    }
    // A resource whose only span was refused left nothing behind; the dictionary is still in step afterwards.
    assert.deepEqual(await t.reader.getServices(), ['a', 'b', 'c', 'd']);
    const later = [spec('e', 'ok', { 'other.key': 4, 'new.key': 'w' })];
    assert.deepEqual(t.commit([t.encoder.encode(testBatch(later)).bytes]), [{}]);
    assert.deepEqual(await storedAttributes(t.reader, later[0] as TestSpanSpec), { 'other.key': 4, 'new.key': 'w' });
    t.close();
  });

  void test('a batch of poison only is refused whole; one alone in a batch is refused without other writes', () => {
    const t = setup();
    const all = [spec('p', 'poison'), spec('p', 'poison')];
    const [outcome] = t.commit([t.encoder.encode(testBatch(all)).bytes]);
    assert.deepEqual([...(outcome?.error?.refusedSpans ?? [])].sort(), all.map((s) => spanKey(s.traceId, s.spanId)).sort());
    assert.equal(t.db.prepare('SELECT count(*) FROM spans').pluck().get(), 0n);
    t.close();
  });

  void test('after a batch it cannot read, the writer refuses batches until one starts a new dictionary', async () => {
    const t = setup();
    const good = t.encoder.encode(testBatch([spec('a', 'ok', { k1: 'v' })])).bytes;
    const garbage = Uint8Array.from([0, 1, 1, 5, 0xff, 0xff]);
    const stale = t.encoder.encode(testBatch([spec('a', 'ok', { k1: 'v', k2: 'w' })])).bytes;
    const outcomes = t.commit([good, garbage, stale]);
    assert.deepEqual(outcomes[0], {});
    assert.equal(outcomes[1]?.restart, true);
    assert.equal(outcomes[1]?.error?.code, 'SB_EXPORT_FAILED');
    assert.equal(outcomes[2]?.restart, true, 'a batch encoded with the old dictionary is refused, to be sent again');
    assert.equal(outcomes[2]?.error?.kind, 'retryable');
    t.encoder.restart();
    const fresh = [spec('a', 'ok', { k2: 'w' })];
    assert.deepEqual(t.commit([t.encoder.encode(testBatch(fresh)).bytes]), [{}]);
    assert.deepEqual(await storedAttributes(t.reader, fresh[0] as TestSpanSpec), { k2: 'w' });
    t.close();
  });

  void test('through the writer thread: the store refuses only the poison span, naming it, and keeps the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-poison-'));
    const path = join(dir, 'store.db');
    try {
      await createSqliteStore({ path }).close();
      const db = new Database(path);
      db.exec(POISON_TRIGGER);
      db.close();
      const store = createSqliteStore({ path });
      const specs = [spec('a', 'ok'), spec('a', 'poison'), spec('b', 'ok')];
      const batch: TraceBatch = testBatch(specs);
      await assert.rejects(store.write(batch), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && e.refusedSpans?.size === 1 && e.refusedSpans.has(spanKey(specs[1]!.traceId, specs[1]!.spanId)));
      assert.ok(await store.getTrace(specs[0]!.traceId));
      assert.ok(await store.getTrace(specs[2]!.traceId));
      assert.equal(await store.getTrace(specs[1]!.traceId), undefined);
      await store.write(testBatch([spec('c', 'ok')]));
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
