import type { RetryPolicy } from '../../pipeline/retry.js';

/** X-Ray's GetTraceSummaries time range types: which time of a trace falls in the window. */
export type TimeRangeType = 'TraceId' | 'Event' | 'Service';


/** The poller's tuning, in milliseconds (the receiver's config after its durations are parsed). */
export interface PollerSettings {
  /** Wait between catch-ups once the poller is current. */
  pollingIntervalMillis: number;
  /** Longest window one GetTraceSummaries scan covers; a poller that lags catches up window by window. */
  windowMillis: number;
  /** A window ends at least this long before now, so X-Ray has indexed what it returns. */
  settleDelayMillis: number;
  /** Each query also reaches this far behind its window, for late-indexed traces; dedupe drops repeats. */
  overlapMillis: number;
  /** Where a poller with no checkpoint starts: this long before now. */
  maxReplayMillis: number;
  timeRangeType: TimeRangeType;
  /** X-Ray filter expression; '' for none. */
  filterExpression: string;
  leaseTtlMillis: number;
  /** Bound of the dedupe memory (trace ids). */
  maxSeenTraceIds: number;
  /** Waits between retries of a throttled or failed call (exponential with jitter, no elapsed-time limit). */
  backoff: RetryPolicy;
}

/** X-Ray keeps traces 30 days; a checkpoint older than that has nothing left to read before it. */
export const XRAY_RETENTION_MILLIS = 30 * 24 * 3600 * 1000;

/**
 * The poller's backoff from its `backoff` settings: the shared retry rule (src/pipeline/retry.ts) doubling from
 * `initialMillis` up to `maxMillis`, each wait within half of that either way; never given up by time (a throttled
 * call is retried until it passes or the poller stops, never skipped).
 */
export function pollerBackoff(initialMillis: number, maxMillis: number): RetryPolicy {
  return { initialIntervalMillis: initialMillis, randomizationFactor: 0.5, multiplier: 2, maxIntervalMillis: maxMillis, maxElapsedMillis: 0 };
}
