/**
 * A bounded map that forgets the least recently used entry once it holds `maxEntries` (a cache fed by traffic must be
 * bounded). `get` and `set` are O(1): a Map keeps insertion order, so re-inserting on use keeps the oldest entry first.
 */
export interface LruCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  readonly size: number;
  clear(): void;
}

export function createLruCache<K, V>(maxEntries: number): LruCache<K, V> {
  const max = Math.max(1, Math.floor(maxEntries));
  const map = new Map<K, V>();
  return {
    get(key) {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      if (map.size > max) map.delete(map.keys().next().value as K);
    },
    get size() {
      return map.size;
    },
    clear() {
      map.clear();
    },
  };
}
