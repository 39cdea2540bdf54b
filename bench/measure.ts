// Timing helpers for `npm run bench`. Figures are printed, never asserted (targets are not test assertions: timings
// depend on the machine's load); a measurement is warmed up, repeated, and reported by its median run.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** Milliseconds on the monotonic clock. */
export function nowMillis(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile (`p` in 0..100) of the values; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Resident set size in MiB. */
export function rssMiB(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

/** One timed pass over a workload: its wall time and, optionally, the time of each item in it. */
export interface PassTiming {
  millis: number;
  itemMillis?: readonly number[];
}

export interface RepeatOptions {
  /** Passes run first and thrown away (JIT, caches). */
  warmups: number;
  /** Passes measured. */
  runs: number;
}

export interface Repeated {
  /** Wall time of each measured pass. */
  runMillis: number[];
  medianMillis: number;
  /** Item times of every measured pass together (for p50/p99). */
  itemMillis: number[];
}

/**
 * Runs `pass` `warmups + runs` times, one after another on this thread, yielding to the event loop between passes so
 * timers and I/O callbacks of one pass do not land in the next one's time.
 */
export async function repeat(pass: () => Promise<PassTiming> | PassTiming, options: RepeatOptions): Promise<Repeated> {
  for (let i = 0; i < options.warmups; i++) {
    await pass();
    await yieldToEventLoop();
  }
  const runMillis: number[] = [];
  const itemMillis: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const t = await pass();
    runMillis.push(t.millis);
    if (t.itemMillis !== undefined) for (const m of t.itemMillis) itemMillis.push(m);
    await yieldToEventLoop();
  }
  return { runMillis, medianMillis: median(runMillis), itemMillis };
}

/** Times `fn` over every item synchronously: one pass with per-item times. */
export function timeEach<T>(items: readonly T[], fn: (item: T) => void): PassTiming {
  const itemMillis = new Array<number>(items.length);
  const start = nowMillis();
  let last = start;
  for (let i = 0; i < items.length; i++) {
    fn(items[i] as T);
    const t = nowMillis();
    itemMillis[i] = t - last;
    last = t;
  }
  return { millis: last - start, itemMillis };
}

/** Units per second for `units` done in `millis`. */
export function perSecond(units: number, millis: number): number {
  return millis > 0 ? (units * 1000) / millis : Number.NaN;
}
