/**
 * Where the trace-id epoch fix (docs/xray-mapping.md, "The epoch fix") keeps its choice per original trace id, so every
 * segment of a trace gets the same X-Ray id: within one process (`memory`) or across exporter instances (`redis`).
 */
export interface IdCache {
  /**
   * The value stored for `originalId`, or, when there is none (or it expired), `proposed`, which is then stored.
   * Atomic: of concurrent callers, across processes for shared backends, the first writer wins and all get its value.
   * Each call keeps the entry alive for `ttlMillis` more (a trace stays consistent while its segments keep coming).
   */
  getOrSet(originalId: string, proposed: string, ttlMillis: number): Promise<string>;
  /** Releases connections; the cache is not used afterwards. */
  close(): Promise<void>;
}
