import { readId64, wordHex } from '../../model/ids.js';
import { RecentIds } from './recentIds.js';

const HIGH_ZERO = '0000000000000000';

/**
 * Rule `trace_id_upgrade` (docs/zipkin-mesh.md, "64-bit trace ids"): Istio sidecars use 128-bit trace ids, while
 * applications that only know 64-bit B3 ids report the low half (istio/istio#22702, #37517). Remembering recent 128-bit
 * ids by their low 64 bits lets a zero-padded 64-bit id be widened to the sidecars' id, so both halves form one
 * trace. Bounded: the latest `maxEntries / 2` to `maxEntries` ids noted or widened are remembered (recentIds.ts).
 */
export interface TraceIdUpgrader {
  /** Notes a 32-hex trace id whose high half is not zero. */
  remember(traceId: string): void;
  /** The remembered 128-bit id with the same low 64 bits as this zero-padded id, if any. */
  widen(paddedTraceId: string): string | undefined;
  clear(): void;
}

export function createTraceIdUpgrader(maxEntries: number): TraceIdUpgrader {
  // By the id's low 64 bits, its high 64 bits.
  const byLow = new RecentIds(maxEntries);
  /** An id's words: high half, then low half. */
  const w = new Uint32Array(4);
  let last = '';
  return {
    remember(traceId) {
      // Spans of one trace usually arrive together; skipping the repeat keeps this to one comparison per span.
      if (traceId === last || traceId.length !== 32 || traceId.startsWith(HIGH_ZERO)) return;
      last = traceId;
      if (readId64(traceId, 0, w, 0) && readId64(traceId, 16, w, 2)) byLow.set(w[2] as number, w[3] as number, w[0] as number, w[1] as number);
    },
    widen(paddedTraceId) {
      if (paddedTraceId.length !== 32 || !paddedTraceId.startsWith(HIGH_ZERO)) return undefined;
      if (!readId64(paddedTraceId, 16, w, 2) || !byLow.get(w[2] as number, w[3] as number)) return undefined;
      const valueHigh = byLow.value(0);
      const valueLow = byLow.value(1);
      // Widening is a use: the trace is noted again as the latest.
      byLow.set(w[2] as number, w[3] as number, valueHigh, valueLow);
      return wordHex(valueHigh) + wordHex(valueLow) + paddedTraceId.slice(16);
    },
    clear() {
      byLow.clear();
      last = '';
    },
  };
}
