// The real embedded store for the query API tests, seeded with the sample traces.
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';
import type { DependencyEdge, StoreReader, TraceStore } from '../../src/store/store.js';
import { sampleBatches } from './sampleTraces.js';

/** An in-memory SQLite store; call `seed` (in a `before` hook) and `close` when done. */
export function sampleStore(): TraceStore & { seed(): Promise<void> } {
  const store = createSqliteStore({ path: ':memory:' });
  return Object.assign(store, {
    async seed() {
      for (const batch of sampleBatches()) await store.write(batch);
    },
  });
}

/**
 * The reader with fixed dependency edges, for tests of the dependency answers' shapes; which edges a store builds
 * from spans is the store conformance suite's concern.
 */
export function withEdges(reader: StoreReader, edges: readonly DependencyEdge[]): StoreReader {
  return {
    getTrace: (id) => reader.getTrace(id),
    getTraceSummary: (id) => reader.getTraceSummary(id),
    findTraces: (q) => reader.findTraces(q),
    getServices: () => reader.getServices(),
    getOperations: (service) => reader.getOperations(service),
    getRemoteServices: (service) => reader.getRemoteServices(service),
    getDependencies: async () => [...edges],
    getServiceMap: (start, end) => reader.getServiceMap(start, end),
    getAttributeKeys: () => reader.getAttributeKeys(),
    getAttributeValues: (key, limit) => reader.getAttributeValues(key, limit),
  };
}
