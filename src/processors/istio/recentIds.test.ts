import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { RecentIds } from './recentIds.js';

describe('recent ids', () => {
  test('an id noted is found with its value; a new value replaces the old; an id never noted is not found', () => {
    const ids = new RecentIds(100);
    ids.set(1, 2, 3, 4);
    ids.set(0xffffffff, 0, 5, 6);
    assert.equal(ids.get(1, 2), true);
    assert.deepEqual([ids.value(0), ids.value(1)], [3, 4]);
    assert.equal(ids.get(2, 1), false, 'the halves are told apart');
    assert.equal(ids.get(0xffffffff, 0), true);
    assert.deepEqual([ids.value(0), ids.value(1)], [5, 6]);
    ids.set(1, 2, 7, 8);
    assert.equal(ids.size, 2);
    assert.equal(ids.get(1, 2), true);
    assert.deepEqual([ids.value(0), ids.value(1)], [7, 8]);
    ids.clear();
    assert.equal(ids.get(1, 2), false);
    assert.equal(ids.size, 0);
  });

  test('it keeps the latest capacity / 2 to capacity ids, and no more, across generations and growth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5000 }), fc.integer({ min: 1, max: 12_000 }), fc.integer(), (capacity, count, seed) => {
        const ids = new RecentIds(capacity);
        // Distinct ids, spread over both halves.
        const id = (i: number): [number, number] => [(Math.imul(i, 0x9e3779b1) ^ seed) >>> 0, i];
        for (let i = 0; i < count; i++) ids.set(...id(i), i, i + 1);
        assert.ok(ids.size <= capacity);
        const half = Math.floor(capacity / 2);
        for (let i = Math.max(0, count - half); i < count; i++) {
          assert.equal(ids.get(...id(i)), true, `id ${i} of ${count} (capacity ${capacity})`);
          assert.deepEqual([ids.value(0), ids.value(1)], [i, i + 1]);
        }
        for (let i = 0; i < count - capacity; i++) assert.equal(ids.get(...id(i)), false, `id ${i} of ${count} (capacity ${capacity})`);
      }),
      { numRuns: 60 },
    );
  });

  test('values of four words', () => {
    const ids = new RecentIds(4, 4);
    for (let i = 0; i < 2000; i++) ids.set(i, 7, i, i + 1, i + 2, 0xffffffff - i);
    for (let i = 1998; i < 2000; i++) {
      assert.equal(ids.get(i, 7), true);
      assert.deepEqual([0, 1, 2, 3].map((w) => ids.value(w)), [i, i + 1, i + 2, 0xffffffff - i]);
    }
    const big = new RecentIds(10_000, 4);
    for (let i = 0; i < 5000; i++) big.set(i, i, i, 1, 2, i);
    for (let i = 0; i < 5000; i++) {
      assert.equal(big.get(i, i), true);
      assert.deepEqual([0, 1, 2, 3].map((w) => big.value(w)), [i, 1, 2, i], 'kept across growth');
    }
  });
});
