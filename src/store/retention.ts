import type { Logger } from 'pino';
import type { TraceStore } from './store.js';

export interface RetentionOptions {
  /** Traces that started longer ago than this are deleted. */
  retentionMillis: number;
  /** Time between two deletion runs (the first runs at once). */
  intervalMillis: number;
  /** The wall clock in milliseconds (Date.now); tests pass a fixed one, as a stepped system clock would move cutoffs. */
  nowMillis?: () => number;
}

/**
 * Enforces retention continuously, not by an outside job: runs `store.deleteBefore(now - retention)` at start and then
 * every interval, one run at a time, on an unref'd timer (it never keeps the process alive). A failed run is logged
 * and the next one tries again. `stop` ends the schedule; a run in progress finishes (or stops when the store closes).
 */
export function startRetention(store: Pick<TraceStore, 'deleteBefore'>, options: RetentionOptions, logger: Logger): { stop(): void } {
  let running = false;
  let stopped = false;

  async function run(): Promise<void> {
    if (running || stopped) return;
    running = true;
    const cutoffNanos = BigInt((options.nowMillis ?? Date.now)() - options.retentionMillis) * 1_000_000n;
    try {
      const deleted = await store.deleteBefore(cutoffNanos);
      if (deleted > 0) logger.info({ deletedSpans: deleted, cutoff: new Date(Number(cutoffNanos / 1_000_000n)).toISOString() }, 'retention deleted old traces');
    } catch (err) {
      logger.warn({ err }, 'retention run failed; the next run tries again');
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void run(), options.intervalMillis);
  timer.unref();
  void run();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
