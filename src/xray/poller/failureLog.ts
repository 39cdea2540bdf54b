import type { Logger } from 'pino';

/** How often failures are logged at most (each one is counted in the poller's metrics and status all the same). */
export const FAILURE_LOG_INTERVAL_MILLIS = 10_000;

/** Warnings about failures that may repeat with every call: at most one line per interval. */
export interface FailureLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Logs the first failure at once, then at most one per interval; the next line logged says how many were held back
 * (`suppressed`). The same rule as the exporters' "at most once per 10 s" failure logs, for the poller's X-Ray calls,
 * state-store calls and lease renewals, which share one limit.
 */
export function createFailureLog(logger: Logger, intervalMillis = FAILURE_LOG_INTERVAL_MILLIS, now: () => number = Date.now): FailureLog {
  let last: number | undefined;
  let suppressed = 0;
  return {
    warn(fields, message) {
      const t = now();
      if (last !== undefined && t - last < intervalMillis) {
        suppressed++;
        return;
      }
      last = t;
      logger.warn(suppressed > 0 ? { ...fields, suppressed } : fields, message);
      suppressed = 0;
    },
  };
}
