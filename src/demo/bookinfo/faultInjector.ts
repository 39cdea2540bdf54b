/**
 * Fault injection for the demo (`--error-rate`: 5xx from ratings, `--delay`: on reviews v3). Errors are spaced
 * evenly rather than drawn at random, so even a short run shows the configured fraction: with rate 0.25 every fourth
 * ratings call fails.
 */
export interface FaultInjector {
  /** Whether this ratings call answers 5xx; counts it. */
  nextRatingsFails(): boolean;
  /** The extra latency of this reviews v3 call, ms; counts it when > 0. */
  nextReviewsDelayMillis(): number;
  counts(): { ratingsErrors: number; reviewsDelays: number };
}

export function createFaultInjector(options: { errorRate: number; delayMillis: number }): FaultInjector {
  let credit = 0;
  let ratingsErrors = 0;
  let reviewsDelays = 0;
  return {
    nextRatingsFails() {
      credit += options.errorRate;
      // The small epsilon keeps rates like 0.1 (not exact in binary) from missing every tenth call.
      if (credit < 1 - 1e-9) return false;
      credit -= 1;
      ratingsErrors++;
      return true;
    },
    nextReviewsDelayMillis() {
      if (options.delayMillis <= 0) return 0;
      reviewsDelays++;
      return options.delayMillis;
    },
    counts: () => ({ ratingsErrors, reviewsDelays }),
  };
}
