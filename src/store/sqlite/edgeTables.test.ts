import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decomposeMinutes } from './edgeTables.js';

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
