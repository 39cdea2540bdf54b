import { setTimeout as sleep } from 'node:timers/promises';
import type { BackoffPolicy } from './pollerSettings.js';

/** How a failed attempt is treated: retried after a throttle, retried after another transient failure, or given up. */
export type FailureClass = 'throttled' | 'retryable' | 'permanent';

/** Exponential backoff with jitter: a random wait in [half, all] of `min(max, initial * 2^attempt)`. */
export function backoffDelayMillis(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMillis, policy.initialMillis * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryOptions {
  signal: AbortSignal;
  policy: BackoffPolicy;
  classify(err: unknown): FailureClass;
  /** A lower bound for the wait the failure itself names (Retry-After), when it names one. */
  delayHintMillis?(err: unknown): number | undefined;
  /** Called before each wait (for counting and status). */
  onRetry?(failure: FailureClass, err: unknown, delayMillis: number): void;
  random?: () => number;
  /** Attempts at most (default: unbounded, until the signal aborts). */
  maxAttempts?: number;
}

/**
 * Runs `fn` until it succeeds, a failure is permanent, the attempts run out, or `signal` aborts (specs/xray.md section
 * 8.1: on throttling back off and retry the same request; never skip). Waits are interrupted by the signal, which
 * then rejects with its reason. A pending wait keeps the process alive, as the work it stands for would.
 */
export async function retryWithBackoff<T>(fn: (signal: AbortSignal) => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    o.signal.throwIfAborted();
    try {
      return await fn(o.signal);
    } catch (err) {
      if (o.signal.aborted) throw o.signal.reason;
      const failure = o.classify(err);
      if (failure === 'permanent' || (o.maxAttempts !== undefined && attempt + 1 >= o.maxAttempts)) throw err;
      const delay = Math.max(backoffDelayMillis(attempt, o.policy, o.random), o.delayHintMillis?.(err) ?? 0);
      o.onRetry?.(failure, err, delay);
      await abortableSleep(delay, o.signal);
    }
  }
}

/** Waits `millis`; rejects with the signal's reason when it aborts first. */
export async function abortableSleep(millis: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(millis, undefined, { signal });
  } catch (err) {
    throw signal.aborted ? signal.reason : err;
  }
}
