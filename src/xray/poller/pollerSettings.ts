/** X-Ray's GetTraceSummaries time range types: which time of a trace falls in the window. */
export type TimeRangeType = 'TraceId' | 'Event' | 'Service';

export interface BackoffPolicy {
  initialMillis: number;
  maxMillis: number;
}

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
  /** Waits between retries of a throttled or failed call (exponential with jitter). */
  backoff: BackoffPolicy;
}

/** X-Ray keeps traces 30 days; a checkpoint older than that has nothing left to read before it. */
export const XRAY_RETENTION_MILLIS = 30 * 24 * 3600 * 1000;
