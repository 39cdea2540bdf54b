import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IdCache } from '../../../src/xray/idcache/idCache.js';

/**
 * The behaviour every IdCache backend has: one conformance suite that every implementation of the interface runs.
 * `make` gives a fresh, empty cache; the suite closes it.
 */
export function idCacheConformance(make: () => Promise<IdCache>): void {
  test('the first value for an id is stored and returned; later proposals get it', async () => {
    const cache = await make();
    try {
      assert.equal(await cache.getOrSet('aaaa', '5f000001', 60_000), '5f000001');
      assert.equal(await cache.getOrSet('aaaa', '5f000002', 60_000), '5f000001');
      assert.equal(await cache.getOrSet('bbbb', '5f000003', 60_000), '5f000003');
    } finally {
      await cache.close();
    }
  });

  test('of many concurrent callers, all get the first writer value', async () => {
    const cache = await make();
    try {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => cache.getOrSet('cccc', `5f0000${String(i).padStart(2, '0')}`, 60_000)));
      assert.equal(new Set(results).size, 1);
      assert.match(results[0] as string, /^5f0000\d\d$/);
    } finally {
      await cache.close();
    }
  });
}
