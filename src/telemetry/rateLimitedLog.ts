/** How often a repeating problem is logged at most, unless the caller says otherwise. */
export const RATE_LIMITED_LOG_INTERVAL_MILLIS = 10_000;

/** `warn` and `error` that log a repeating problem at most once per interval. */
export interface RateLimitedLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What is written to: a pino Logger, or anything with the same two methods. */
export type LogSink = RateLimitedLog;

export interface RateLimitedLogOptions {
  /** Default 10 s. */
  intervalMillis?: number;
  now?: () => number;
}

/**
 * Logs the first call at once, then at most one call per interval; the calls dropped in between are counted, and the
 * next line logged carries that count as `suppressed`. For problems that can repeat with every request or batch
 * (they are counted in metrics too), so that a flood does not drown the log. One limit covers both levels.
 */
export function createRateLimitedLog(logger: LogSink | undefined, options: RateLimitedLogOptions = {}): RateLimitedLog {
  const intervalMillis = options.intervalMillis ?? RATE_LIMITED_LOG_INTERVAL_MILLIS;
  const now = options.now ?? Date.now;
  let lastLogged: number | undefined;
  let suppressed = 0;
  const at = (level: 'warn' | 'error') => (fields: Record<string, unknown>, message: string) => {
    const t = now();
    if (lastLogged !== undefined && t - lastLogged < intervalMillis) {
      suppressed++;
      return;
    }
    lastLogged = t;
    logger?.[level](suppressed > 0 ? { ...fields, suppressed } : fields, message);
    suppressed = 0;
  };
  return { warn: at('warn'), error: at('error') };
}
