import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { ByteReader } from './byteReader.js';
import { SCHEMA_SQL } from './schema.js';
import { createSpanRows } from './spanRows.js';

test('rows go in ordered by trace (a trace keeping its order), numbered on, with their own bodies and clamped times', () => {
  const db = new Database(':memory:');
  try {
    db.defaultSafeIntegers(true);
    db.exec(SCHEMA_SQL);
    const rows = createSpanRows(db);
    const add = (seq: number, tag: string, start = 5n, duration = 7n) => {
      rows.body.str(tag);
      rows.add(seq, 1, 2, 3, tag, 2, start, duration, `attrs ${tag}`);
    };
    const read = () =>
      (db.prepare('SELECT id, trace_seq, name, attrs, body, start_ns, duration_ns FROM spans ORDER BY id').raw().all() as [bigint, bigint, string, string, Buffer, bigint, bigint][]).map(
        ([id, seq, name, attrs, body, start, duration]) => [Number(id), Number(seq), name, attrs, new ByteReader(body).str(), start, duration],
      );
    add(3, 'c1');
    add(1, 'a1');
    add(3, 'c2', -1n, 1n << 70n);
    add(2, 'b1');
    add(1, 'a2');
    rows.flush();
    const max = (1n << 63n) - 1n;
    assert.deepEqual(read(), [
      [1, 1, 'a1', 'attrs a1', 'a1', 5n, 7n],
      [2, 1, 'a2', 'attrs a2', 'a2', 5n, 7n],
      [3, 2, 'b1', 'attrs b1', 'b1', 5n, 7n],
      [4, 3, 'c1', 'attrs c1', 'c1', 5n, 7n],
      [5, 3, 'c2', 'attrs c2', 'c2', 0n, max],
    ]);
    // Many rows (several statements, a grown buffer), then a reset that drops what was gathered.
    for (let i = 0; i < 1000; i++) add(10 + (i % 7), `x${i}${'y'.repeat(i % 300)}`);
    rows.flush();
    const many = read().slice(5);
    assert.equal(many.length, 1000);
    assert.deepEqual(many.map((r) => r[0]), Array.from({ length: 1000 }, (_, i) => 6 + i));
    assert.deepEqual(many.map((r) => r[4]), many.map((r) => r[2]), 'each row has its own body');
    assert.ok(many.every((r, i) => i === 0 || (r[1] as number) >= ((many[i - 1] as (typeof many)[number])[1] as number)));
    // Trace numbers past 2^32 take the other sort.
    add(2 ** 32 + 5, 'big2');
    add(2 ** 32 + 1, 'big1');
    rows.flush();
    assert.deepEqual(read().slice(1005).map((r) => [r[1], r[2]]), [[2 ** 32 + 1, 'big1'], [2 ** 32 + 5, 'big2']]);
    db.exec('DELETE FROM spans WHERE trace_seq > 4294967295');
    add(20, 'dropped');
    rows.reset();
    add(21, 'kept');
    rows.flush();
    assert.deepEqual(read().slice(1005), [[1006, 21, 'kept', 'attrs kept', 'kept', 5n, 7n]]);
  } finally {
    db.close();
  }
});
