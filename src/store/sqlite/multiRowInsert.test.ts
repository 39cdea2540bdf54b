import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createMultiRowInsert } from './multiRowInsert.js';

test('inserts every row once, in order, whatever the count, and applies the tail clause', () => {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL, n INTEGER NOT NULL)');
    const insert = createMultiRowInsert(db, { head: 'INSERT INTO t (k, v, n)', columns: 3, tail: 'ON CONFLICT (k) DO UPDATE SET n = n + excluded.n', maxRows: 8 });
    let base = 0;
    for (const count of [0, 1, 7, 8, 9, 15, 16, 17, 100]) {
      insert.run(count, (p, at, i) => {
        p[at] = base + i;
        p[at + 1] = `row ${base + i}`;
        p[at + 2] = 1;
      });
      const rows = db.prepare('SELECT k, v, n FROM t WHERE k >= ? ORDER BY rowid').all(base) as { k: number; v: string; n: number }[];
      assert.deepEqual(rows, Array.from({ length: count }, (_, i) => ({ k: base + i, v: `row ${base + i}`, n: 1 })), `count ${count}`);
      base += count;
    }
    insert.run(3, (p, at, i) => {
      p[at] = i;
      p[at + 1] = 'again';
      p[at + 2] = 5;
    });
    assert.deepEqual(db.prepare('SELECT n FROM t WHERE k < 3 ORDER BY k').pluck().all(), [6, 6, 6]);
  } finally {
    db.close();
  }
});
