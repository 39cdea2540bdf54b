import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { durationSchema } from '../config/duration.js';
import { asPipelineError, type PipelineError } from '../errors.js';
import { parseDurationMillis } from '../model/duration.js';

/** The Collector's `retry_on_failure` block, with its defaults. */
export const retryConfigSchema = configObject(
  {
    enabled: Type.Boolean({ default: true }),
    initial_interval: durationSchema('5s', 'wait before the first retry'),
    randomization_factor: Type.Number({ minimum: 0, maximum: 1, default: 0.5 }),
    multiplier: Type.Number({ minimum: 1, default: 1.5 }),
    max_interval: durationSchema('30s', 'longest wait between retries'),
    max_elapsed_time: durationSchema('300s', 'give up after this long (0 = never)'),
  },
  { default: {} },
);

export type RetryConfig = Static<typeof retryConfigSchema>;

export interface RetryPolicy {
  enabled: boolean;
  initialIntervalMillis: number;
  randomizationFactor: number;
  multiplier: number;
  maxIntervalMillis: number;
  maxElapsedMillis: number;
}

export function retryPolicy(c: RetryConfig): RetryPolicy {
  return {
    enabled: c.enabled,
    initialIntervalMillis: parseDurationMillis(c.initial_interval),
    randomizationFactor: c.randomization_factor,
    multiplier: c.multiplier,
    maxIntervalMillis: parseDurationMillis(c.max_interval),
    maxElapsedMillis: parseDurationMillis(c.max_elapsed_time),
  };
}

/** Exponential backoff with jitter: the n-th wait (n from 0), before any Retry-After override. */
export function backoffMillis(p: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(p.initialIntervalMillis * p.multiplier ** attempt, p.maxIntervalMillis);
  const delta = p.randomizationFactor * base;
  return Math.max(0, base - delta + random() * 2 * delta);
}

/**
 * Calls `attempt` until it succeeds, throws a permanent error, or the policy's time runs out. Retryable errors wait
 * the backoff, or the error's `retryAfterMillis` when the peer said how long (Retry-After, throttling).
 */
export async function withRetry<T>(p: RetryPolicy, attempt: () => Promise<T>, signal: AbortSignal, onRetry?: (err: PipelineError, waitMillis: number) => void): Promise<T> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const err = asPipelineError(e);
      if (err.kind === 'permanent' || !p.enabled || signal.aborted) throw err;
      const wait = err.retryAfterMillis ?? backoffMillis(p, n);
      if (p.maxElapsedMillis > 0 && Date.now() - started + wait > p.maxElapsedMillis) throw err;
      onRetry?.(err, wait);
      await sleep(wait, signal);
      if (signal.aborted) throw err;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
