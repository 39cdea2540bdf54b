import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { writeInParts } from './writeInParts.js';

/** Writes of items [from, to) of 11, failing any part that holds one of `bad`; what was stored and each write. */
function store(bad: ReadonlySet<number>) {
  const stored: number[] = [];
  const writes: Array<[number, number]> = [];
  const write = (from: number, to: number) => {
    writes.push([from, to]);
    for (let i = from; i < to; i++) if (bad.has(i)) throw new Error(`bad item ${i} in [${from}, ${to})`);
    for (let i = from; i < to; i++) stored.push(i);
  };
  return { stored, writes, write };
}

describe('writeInParts', () => {
  test('stores every item but the bad ones, each refused alone', () => {
    const s = store(new Set([5, 9]));
    const result = writeInParts(11, new Error('first'), s.write, () => true);
    assert.deepEqual(result.refused.sort((a, b) => a - b), [5, 9]);
    assert.match(String(result.firstError), /bad item 5 in \[5, 6\)/);
    assert.deepEqual(s.stored.sort((a, b) => a - b), [0, 1, 2, 3, 4, 6, 7, 8, 10]);
    assert.ok(s.writes.every(([from, to]) => to > from), 'no empty part is written');
    assert.ok(s.writes.length <= 2 * 2 * Math.ceil(Math.log2(11)) + 2, `${s.writes.length} writes`);
  });

  test('when the parts all go through, nothing is refused', () => {
    const s = store(new Set());
    const result = writeInParts(11, new Error('once'), s.write, () => true);
    assert.deepEqual(result.refused, []);
    assert.deepEqual(s.writes, [[0, 6], [6, 11]]);
  });

  test('a failure that is not caused by the data ends the search and is thrown', () => {
    assert.throws(() => writeInParts(11, new Error('x'), () => {
      throw new Error('disk full');
    }, () => false), /disk full/);
  });

  test('a batch of one item is refused without writing it again', () => {
    const result = writeInParts(1, new Error('the failure'), () => assert.fail('not written again'), () => true);
    assert.deepEqual(result.refused, [0]);
    assert.match(String(result.firstError), /the failure/);
  });
});
