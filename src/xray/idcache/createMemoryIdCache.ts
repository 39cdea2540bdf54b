import type { IdCache } from './idCache.js';

export interface MemoryIdCacheOptions {
  /** Most entries kept (every cache is bounded); the least recently used go first. Default 100,000. */
  maxEntries?: number;
  /** Milliseconds since the epoch (tests pass a fake clock). */
  now?: () => number;
}

/**
 * The `memory` backend: one process. A Map in least-recently-used order, bounded by `maxEntries`; an entry expires
 * `ttlMillis` after its last use. Being single-threaded JavaScript, getOrSet is atomic without a lock.
 */
export function createMemoryIdCache(options: MemoryIdCacheOptions = {}): IdCache & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer (got ${maxEntries})`);
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    get size() {
      return entries.size;
    },
    getOrSet(originalId, proposed, ttlMillis) {
      const t = now();
      const found = entries.get(originalId);
      entries.delete(originalId);
      const value = found !== undefined && found.expiresAt > t ? found.value : proposed;
      entries.set(originalId, { value, expiresAt: t + ttlMillis });
      for (const [key, e] of entries) {
        if (entries.size <= maxEntries && e.expiresAt > t) break;
        entries.delete(key);
      }
      return Promise.resolve(value);
    },
    close() {
      entries.clear();
      return Promise.resolve();
    },
  };
}
