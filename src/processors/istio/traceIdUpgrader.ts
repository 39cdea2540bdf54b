import { LRUCache } from 'lru-cache';

const HIGH_ZERO = '0000000000000000';

/**
 * Rule `trace_id_upgrade` (docs/zipkin-mesh.md, "64-bit trace ids"): Istio sidecars use 128-bit trace ids, while
 * applications that only know 64-bit B3 ids report the low half (istio/istio#22702, #37517). Remembering recent 128-bit
 * ids by their low 64 bits lets a zero-padded 64-bit id be widened to the sidecars' id, so both halves form one
 * trace. Bounded: the least recently used ids are forgotten first.
 */
export interface TraceIdUpgrader {
  /** Notes a 32-hex trace id whose high half is not zero. */
  remember(traceId: string): void;
  /** The remembered 128-bit id with the same low 64 bits as this zero-padded id, if any. */
  widen(paddedTraceId: string): string | undefined;
  clear(): void;
}

export function createTraceIdUpgrader(maxEntries: number): TraceIdUpgrader {
  const byLow = new LRUCache<string, string>({ max: Math.max(1, Math.floor(maxEntries)) });
  let last = '';
  return {
    remember(traceId) {
      // Spans of one trace usually arrive together; skipping the repeat keeps this to one comparison per span.
      if (traceId === last || traceId.length !== 32 || traceId.startsWith(HIGH_ZERO)) return;
      last = traceId;
      byLow.set(traceId.slice(16), traceId);
    },
    widen(paddedTraceId) {
      if (paddedTraceId.length !== 32 || !paddedTraceId.startsWith(HIGH_ZERO)) return undefined;
      return byLow.get(paddedTraceId.slice(16));
    },
    clear() {
      byLow.clear();
      last = '';
    },
  };
}
