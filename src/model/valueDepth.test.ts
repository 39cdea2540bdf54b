import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from './valueDepth.js';

function nestedArray(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('nestsDeeperThan', () => {
  test('counts arrays, objects and Maps; scalars and bytes are depth 0', () => {
    assert.equal(nestsDeeperThan('x', 0), false);
    assert.equal(nestsDeeperThan(new Uint8Array(3), 0), false);
    assert.equal(nestsDeeperThan([], 0), true);
    assert.equal(nestsDeeperThan({ a: [1] }, 2), false);
    assert.equal(nestsDeeperThan({ a: [1] }, 1), true);
    assert.equal(nestsDeeperThan(new Map([['a', new Map([['b', [1]]])]]), 2), true);
    assert.equal(nestsDeeperThan(nestedArray(MAX_VALUE_DEPTH), MAX_VALUE_DEPTH), false);
    assert.equal(nestsDeeperThan(nestedArray(MAX_VALUE_DEPTH + 1), MAX_VALUE_DEPTH), true);
  });

  test('checks values nested far deeper than the stack could recurse', () => {
    const depth = 200_000;
    assert.equal(nestsDeeperThan(JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`), MAX_VALUE_DEPTH), true);
  });
});
