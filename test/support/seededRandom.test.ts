import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomHex, randomInt, randomUuid, seededRandom } from './seededRandom.js';

test('the same seed gives the same numbers in [0, 1); another seed others', () => {
  const take = (seed: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: 1000 }, () => random());
  };
  const a = take(7);
  assert.deepEqual(a, take(7));
  assert.notDeepEqual(a, take(8));
  for (const x of a) assert.ok(x >= 0 && x < 1, String(x));
  assert.ok(new Set(a).size > 990);
});

test('hex ids have the asked length and are never all zeros; UUIDs are version 4; integers stay in range', () => {
  const random = seededRandom(1);
  for (const bytes of [8, 16]) assert.match(randomHex(random, bytes), new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
  let calls = 0;
  const zerosFirst = () => (calls++ < 2 ? 0 : 0.5);
  assert.equal(randomHex(zerosFirst, 8), '8000000080000000');
  assert.match(randomUuid(random), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const ints = Array.from({ length: 500 }, () => randomInt(random, 3, 5));
  assert.deepEqual([...new Set(ints)].sort(), [3, 4, 5]);
});
