// Refusal by outstanding acknowledgements (README.md, "Overload"). Memory is one sign of overload; the other is work
// accepted and not yet acknowledged: under a flood of connections the store falls behind, batches wait longer, and
// without a bound every sender waits tens of seconds, times out and sends again. This admits a batch only while
// the acknowledgements it would queue behind are few enough and recent enough, so the excess is refused at once
// with a Retry-After instead.
import { PipelineError } from '../../errors.js';

export interface AckAdmissionLimits {
  /** Spans handed on and not yet acknowledged, at most (0: no bound). */
  maxInFlightSpans: number;
  /** Longest the oldest unacknowledged batch may have waited before new ones are refused (0: no bound). */
  maxAckWaitMillis: number;
  /** Retry-After of a refusal. */
  retryAfterMillis: number;
}

/** How fast the average of spans per batch follows new batches (an exponential moving average). */
const AVERAGE_WEIGHT = 1 / 32;

export interface AckAdmission {
  /** Runs `send` when admitted, counting its spans until it settles; else rejects with SB_OVERLOADED. */
  admit(spans: number, send: () => Promise<void>): Promise<void>;
  /**
   * The refusal a batch would get now (the bounds are already passed), or undefined. `pendingBatches` are batches on
   * their way here (requests admitted and not yet answered): they count as the average batch's spans each, so that a
   * flood admitted at once is refused before it is decoded rather than by a later stage after.
   */
  overloaded(pendingBatches?: number): PipelineError | undefined;
}

export function createAckAdmission(processorId: string, limits: AckAdmissionLimits, now: () => number = performance.now.bind(performance)): AckAdmission {
  let inFlightSpans = 0;
  let averageSpans = 0;
  let nextToken = 0;
  // Start times of the batches in flight, oldest first (a Map keeps insertion order; settled ones are deleted).
  const started = new Map<number, number>();

  function refusal(spans: number, pendingBatches = 0): PipelineError | undefined {
    const expected = Math.max(inFlightSpans, Math.round(pendingBatches * averageSpans));
    if (limits.maxInFlightSpans > 0 && expected > 0 && expected + spans > limits.maxInFlightSpans) {
      const what = expected > inFlightSpans ? `about ${expected} spans (${pendingBatches} requests) are being decoded or` : `${inFlightSpans} spans are`;
      return new PipelineError('SB_OVERLOADED', `processor ${processorId}: ${what} waiting for their acknowledgement (max_in_flight_spans ${limits.maxInFlightSpans}); send again later`, { retryAfterMillis: limits.retryAfterMillis });
    }
    const oldest = started.values().next();
    if (limits.maxAckWaitMillis > 0 && oldest.done !== true) {
      const waited = now() - oldest.value;
      if (waited > limits.maxAckWaitMillis) {
        return new PipelineError('SB_OVERLOADED', `processor ${processorId}: a batch has waited ${Math.round(waited)} ms for its acknowledgement (max_ack_wait ${limits.maxAckWaitMillis} ms); send again later`, { retryAfterMillis: limits.retryAfterMillis });
      }
    }
    return undefined;
  }

  return {
    overloaded(pendingBatches) {
      // Asked for a batch not yet decoded: would one of the average size fit?
      return refusal(Math.max(1, Math.round(averageSpans)), pendingBatches);
    },
    async admit(spans, send) {
      const refused = refusal(spans);
      if (refused !== undefined) throw refused;
      averageSpans = averageSpans === 0 ? spans : averageSpans + (spans - averageSpans) * AVERAGE_WEIGHT;
      const token = nextToken++;
      started.set(token, now());
      inFlightSpans += spans;
      try {
        await send();
      } finally {
        inFlightSpans -= spans;
        started.delete(token);
      }
    },
  };
}
