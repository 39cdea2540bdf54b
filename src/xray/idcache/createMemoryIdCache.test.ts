import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoryIdCache } from './createMemoryIdCache.js';
import { idCacheConformance } from '../../../test/xray/idcache/idCacheConformance.js';

describe('memory id cache: conformance', () => idCacheConformance(() => Promise.resolve(createMemoryIdCache())));

describe('memory id cache', () => {
  test('an entry expires ttl after its last use, not after it was set', async () => {
    let now = 1_000_000;
    const cache = createMemoryIdCache({ now: () => now });
    assert.equal(await cache.getOrSet('a', 'first', 1000), 'first');
    now += 900;
    assert.equal(await cache.getOrSet('a', 'second', 1000), 'first');
    now += 900;
    assert.equal(await cache.getOrSet('a', 'third', 1000), 'first', 'renewed by the previous use');
    now += 1000;
    assert.equal(await cache.getOrSet('a', 'fourth', 1000), 'fourth', 'expired exactly ttl after the last use');
  });

  test('it holds at most maxEntries, dropping the least recently used', async () => {
    const cache = createMemoryIdCache({ maxEntries: 2 });
    await cache.getOrSet('a', '1', 60_000);
    await cache.getOrSet('b', '2', 60_000);
    await cache.getOrSet('a', 'x', 60_000);
    await cache.getOrSet('c', '3', 60_000);
    assert.equal(cache.size, 2);
    assert.equal(await cache.getOrSet('a', 'y', 60_000), '1', 'a was used last, so it stayed');
    assert.equal(await cache.getOrSet('b', 'z', 60_000), 'z', 'b was evicted');
  });

  test('expired entries are swept, so the size does not grow with dead traces', async () => {
    let now = 0;
    const cache = createMemoryIdCache({ now: () => now });
    for (let i = 0; i < 100; i++) await cache.getOrSet(`t${i}`, 'v', 10);
    now += 11;
    await cache.getOrSet('fresh', 'v', 10);
    assert.equal(cache.size, 1);
  });

  test('maxEntries must be a positive integer', () => {
    assert.throws(() => createMemoryIdCache({ maxEntries: 0 }), RangeError);
  });
});
