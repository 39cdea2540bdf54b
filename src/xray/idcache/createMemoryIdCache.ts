import { LRUCache } from 'lru-cache';
import type { IdCache } from './idCache.js';

export interface MemoryIdCacheOptions {
  /** Most entries kept (every cache is bounded); the least recently used go first. Default 100,000. */
  maxEntries?: number;
  /** Milliseconds since the epoch (tests pass a fake clock). */
  now?: () => number;
}

/**
 * The `memory` backend: one process. An LRU cache (lru-cache) bounded by `maxEntries`; an entry expires `ttlMillis`
 * after its last use (at exactly that age it is gone). Expired entries are swept in one pass at most once per ttl, so
 * the cache does not stay full of dead traces. Being single-threaded JavaScript, getOrSet is atomic without a lock.
 */
export function createMemoryIdCache(options: MemoryIdCacheOptions = {}): IdCache & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer (got ${maxEntries})`);
  const now = options.now ?? Date.now;
  // lru-cache reads time as milliseconds from an origin just before now (a reading of 0 would mean "no ttl" to it),
  // and with ttlResolution 0 on every expiry check (it otherwise reuses a reading for 1 ms).
  const origin = now() - 1;
  const entries = new LRUCache<string, string>({ max: maxEntries, ttlResolution: 0, perf: { now: () => now() - origin } });
  let sweptAt = now();
  return {
    get size() {
      return entries.size;
    },
    getOrSet(originalId, proposed, ttlMillis) {
      // lru-cache keeps an entry through the instant its ttl ends; here it is gone from that instant on.
      const found = entries.getRemainingTTL(originalId) > 0 ? entries.peek(originalId) : undefined;
      const value = found ?? proposed;
      entries.set(originalId, value, { ttl: ttlMillis });
      const t = now();
      if (t - sweptAt >= ttlMillis) {
        sweptAt = t;
        entries.purgeStale();
      }
      return Promise.resolve(value);
    },
    close() {
      entries.clear();
      return Promise.resolve();
    },
  };
}
