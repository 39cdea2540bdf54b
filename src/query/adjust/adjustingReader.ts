import type { StoreReader } from '../../store/store.js';
import { splitSharedSpanIds } from './splitSharedSpanIds.js';

/**
 * The store reader as the query APIs use it: every trace read goes through the read-time adjusters (today one:
 * splitSharedSpanIds), as Jaeger's query service adjusts what it reads. The store keeps spans as they were written,
 * so an API that promises traces as stored (api_v3's `rawTraces`) reads the store itself.
 */
export function adjustingReader(store: StoreReader): StoreReader {
  return {
    getTrace: async (traceId) => {
      const batch = await store.getTrace(traceId);
      return batch === undefined ? undefined : splitSharedSpanIds(batch);
    },
    getTraceSummary: (traceId) => store.getTraceSummary(traceId),
    findTraces: (query) => store.findTraces(query),
    getServices: () => store.getServices(),
    getOperations: (service) => store.getOperations(service),
    getRemoteServices: (service) => store.getRemoteServices(service),
    getDependencies: (start, end) => store.getDependencies(start, end),
    getServiceMap: (start, end) => store.getServiceMap(start, end),
    getAttributeKeys: () => store.getAttributeKeys(),
    getAttributeValues: (key, limit) => store.getAttributeValues(key, limit),
  };
}
