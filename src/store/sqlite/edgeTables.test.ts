import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MINUTE_NANOS, createEdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { summarizeEdges } from '../dependencies/summarizeEdges.js';
import { createEdgeTables, decomposeMinutes } from './edgeTables.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';

test('a minute window decomposes into disjoint tier buckets that cover exactly its minutes (property)', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -10_000n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: 5000n }), (m0, length) => {
      const m1 = m0 + length;
      const covered: bigint[] = [];
      for (const r of decomposeMinutes(m0, m1)) for (let b = r.from; b < r.to; b++) for (let m = b * r.tier; m < (b + 1n) * r.tier; m++) covered.push(m);
      covered.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(covered, Array.from({ length: Number(length) }, (_, i) => m0 + BigInt(i)));
    }),
    { numRuns: 200 },
  );
});

test('24 hours take at most 51 buckets', () => {
  for (const start of [0n, 7n, 59n, 61n, 1234567n]) {
    const n = decomposeMinutes(start, start + 1440n).reduce((sum, r) => sum + Number(r.to - r.from), 0);
    assert.ok(n <= 51, `${start}: ${n}`);
  }
});

test('reads see every write and deletion, whether or not the buckets were read before', () => {
  const db = openDatabase(MEMORY_PATH);
  try {
    const tables = createEdgeTables(db);
    const acc = createEdgeAccumulator();
    const add = (minute: bigint, parent: string, ms: bigint) => acc.add({ parent, child: 'db', virtual: false, startNanos: minute * MINUTE_NANOS, durationNanos: ms * 1_000_000n, outcome: 'ok' });
    const calls = (from: bigint, to: bigint) => {
      const out: Record<string, number> = {};
      for (const e of summarizeEdges(tables.read(from * MINUTE_NANOS, to * MINUTE_NANOS), () => true)) out[e.parent] = e.callCount;
      return out;
    };
    const base = 28_000_000n * 60n;
    for (const m of [0n, 1n, 59n, 60n, 61n, 125n]) add(base + m, 'a', m + 1n);
    add(base + 60n, 'b', 3n);
    tables.write(acc.drain());
    assert.deepEqual(calls(base, base + 24n * 60n), { a: 6, b: 1 });
    assert.deepEqual(calls(base + 1n, base + 121n), { a: 4, b: 1 });
    // Same buckets again (minute, 10-minute and hour rows are all cached now): the sums follow.
    add(base + 1n, 'a', 1n);
    add(base + 62n, 'b', 100n);
    add(base + 3n * 60n, 'c', 1n);
    tables.write(acc.drain());
    assert.deepEqual(calls(base, base + 24n * 60n), { a: 7, b: 2, c: 1 });
    assert.deepEqual(calls(base + 1n, base + 121n), { a: 5, b: 2 });
    const b = summarizeEdges(tables.read(base * MINUTE_NANOS, (base + 120n) * MINUTE_NANOS), () => true).find((e) => e.parent === 'b');
    assert.equal(b?.p99Nanos, 100_000_000n);
    assert.ok(Number(b?.p50Nanos) < 3.3e6, `p50 ${b?.p50Nanos}`);
    // A window of years (not cached) agrees.
    assert.deepEqual(calls(base - 5n * 365n * 1440n, base + 5n * 365n * 1440n), { a: 7, b: 2, c: 1 });
    tables.deleteBefore((base + 60n) * MINUTE_NANOS);
    assert.deepEqual(calls(base, base + 24n * 60n), { a: 3, b: 2, c: 1 });
  } finally {
    db.close();
  }
});
