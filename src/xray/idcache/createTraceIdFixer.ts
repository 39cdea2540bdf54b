import { otelTraceIdToXray } from '../../codecs/xray/traceIds.js';
import type { IdCache } from './idCache.js';
import { isEpochInXrayWindow } from './xrayEpochWindow.js';

export type TraceIdMode = 'fix_epoch' | 'passthrough';

export interface TraceIdFixerOptions {
  /**
   * `fix_epoch` (default of the exporter, docs/xray-mapping.md "The epoch fix") or `passthrough` (plain conversion).
   */
  mode: TraceIdMode;
  /** Needed for `fix_epoch`. */
  cache?: IdCache;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** How long a choice is kept after its last use (`trace_id_cache.ttl`, default 60 s). */
  ttlMillis?: number;
}

export interface FixedTraceId {
  /** `1-{8 hex}-{24 hex}`. */
  xrayTraceId: string;
  /** The 32-hex id as it was, when the epoch was rewritten; it goes into the documents' annotation. */
  originalTraceId?: string;
}

export interface TraceIdFixer {
  /**
   * The X-Ray id for a 32-hex trace id. In `fix_epoch` mode an id whose first 8 hex digits (epoch seconds) are
   * outside X-Ray's window gets a new epoch: its segment's start (`spanStartNanos`, 0n for none) when that is inside
   * the window, else now; the choice is made once per original id through the cache, so every segment of the trace
   * (and every exporter sharing the cache) agrees. Only the epoch changes; the other 24 digits are kept.
   * Throws SB_MALFORMED for an id that is not 32 hex digits; cache failures are retryable SB_EXPORT_FAILED.
   */
  fix(traceIdHex: string, spanStartNanos: bigint): Promise<FixedTraceId>;
}

export function createTraceIdFixer(options: TraceIdFixerOptions): TraceIdFixer {
  const now = options.now ?? Date.now;
  const ttlMillis = options.ttlMillis ?? 60_000;
  const cache = options.cache;
  if (options.mode === 'fix_epoch' && cache === undefined) throw new TypeError('createTraceIdFixer: fix_epoch needs a cache');
  return {
    async fix(traceIdHex, spanStartNanos) {
      const xrayTraceId = otelTraceIdToXray(traceIdHex);
      if (options.mode === 'passthrough' || cache === undefined) return { xrayTraceId };
      const nowSeconds = Math.floor(now() / 1000);
      if (isEpochInXrayWindow(parseInt(xrayTraceId.slice(2, 10), 16), nowSeconds)) return { xrayTraceId };
      const original = traceIdHex.toLowerCase();
      const startSeconds = spanStartNanos > 0n ? Number(spanStartNanos / 1_000_000_000n) : undefined;
      const epoch = startSeconds !== undefined && isEpochInXrayWindow(startSeconds, nowSeconds) ? startSeconds : nowSeconds;
      const proposed = epoch.toString(16).padStart(8, '0');
      const cached = await cache.getOrSet(original, proposed, ttlMillis);
      const chosen = /^[0-9a-f]{8}$/.test(cached) ? cached : proposed;
      return { xrayTraceId: `1-${chosen}-${original.slice(8)}`, originalTraceId: original };
    },
  };
}
