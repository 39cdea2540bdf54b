// Retries with exponential backoff, by the OpenTelemetry Collector's rule (exporterhelper's retry_on_failure): each
// wait is a random value within `randomization_factor` of an interval that starts at `initial_interval` and grows by
// `multiplier` up to `max_interval`; when the server asked for a delay (Retry-After, gRPC RetryInfo, throttling) the
// wait is the longer of the two; retries end once the next wait would pass `max_elapsed_time` since the first
// attempt. The queued exporters and the X-Ray poller use it.
import { setTimeout as sleep } from 'node:timers/promises';
import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { durationSchema } from '../config/duration.js';
import { asPipelineError } from '../errors.js';
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
  initialIntervalMillis: number;
  randomizationFactor: number;
  multiplier: number;
  maxIntervalMillis: number;
  /** Retries end once the next wait would end later than this after the first attempt; 0: never. */
  maxElapsedMillis: number;
}

export function retryPolicy(c: RetryConfig): RetryPolicy {
  return {
    initialIntervalMillis: parseDurationMillis(c.initial_interval),
    randomizationFactor: c.randomization_factor,
    multiplier: c.multiplier,
    maxIntervalMillis: parseDurationMillis(c.max_interval),
    maxElapsedMillis: parseDurationMillis(c.max_elapsed_time),
  };
}

/** Exponential backoff with jitter: the n-th wait (n from 0) before any delay the server asked for. */
export function backoffMillis(p: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(p.initialIntervalMillis * p.multiplier ** attempt, p.maxIntervalMillis);
  const delta = p.randomizationFactor * base;
  return Math.max(0, base - delta + random() * 2 * delta);
}

/** The wait before a retry: the backoff, or the delay the server asked for when that is longer. */
export function retryDelayMillis(backoff: number, requestedMillis: number | undefined): number {
  return Math.max(backoff, requestedMillis ?? 0);
}

/** How a failed attempt is treated: retried after a throttle, retried after another transient failure, or given up. */
export type FailureClass = 'throttled' | 'retryable' | 'permanent';

export interface RetryOptions {
  signal: AbortSignal;
  policy: RetryPolicy;
  classify(err: unknown): FailureClass;
  /** The delay the failure itself asks for (Retry-After, RetryInfo), when it names one. */
  requestedDelayMillis?(err: unknown): number | undefined;
  /** Called before each wait (for counting, status and logs). */
  onRetry?(failure: FailureClass, err: unknown, delayMillis: number): void;
  random?: () => number;
  /** Attempts at most (default: until the policy's elapsed time runs out, or the signal aborts). */
  maxAttempts?: number;
  now?: () => number;
}

/**
 * Runs `fn` until it succeeds, a failure is permanent, the attempts or the policy's elapsed time run out (the last
 * failure is thrown), or `signal` aborts: waits are interrupted and the call rejects with the signal's reason. A
 * pending wait keeps the process alive, as the work it stands for would.
 */
export async function retryWithBackoff<T>(fn: (signal: AbortSignal) => Promise<T>, o: RetryOptions): Promise<T> {
  const now = o.now ?? Date.now;
  const started = now();
  for (let attempt = 0; ; attempt++) {
    o.signal.throwIfAborted();
    try {
      return await fn(o.signal);
    } catch (err) {
      if (o.signal.aborted) throw o.signal.reason;
      const failure = o.classify(err);
      if (failure === 'permanent' || (o.maxAttempts !== undefined && attempt + 1 >= o.maxAttempts)) throw err;
      const delay = retryDelayMillis(backoffMillis(o.policy, attempt, o.random), o.requestedDelayMillis?.(err));
      if (o.policy.maxElapsedMillis > 0 && now() - started + delay > o.policy.maxElapsedMillis) throw err;
      o.onRetry?.(failure, err, delay);
      await abortableSleep(delay, o.signal);
    }
  }
}

/** The classification of the pipeline's own errors (PipelineError kinds), with the delay they carry. */
export const pipelineErrorRetries = {
  classify: (err: unknown): FailureClass => (asPipelineError(err).kind === 'permanent' ? 'permanent' : 'retryable'),
  requestedDelayMillis: (err: unknown): number | undefined => asPipelineError(err).retryAfterMillis,
} as const;

/** Waits `millis`; rejects with the signal's reason when it aborts first. */
export async function abortableSleep(millis: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(millis, undefined, { signal });
  } catch (err) {
    throw signal.aborted ? signal.reason : err;
  }
}
