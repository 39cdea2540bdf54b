import { asWholeRefusal } from '../errors.js';
import { cloneBatch } from '../model/batch.js';
import type { TraceBatch } from '../model/span.js';
import type { Consumer } from './component.js';

/**
 * Hands one batch to several consumers. Each gets its own copy except the last, which gets the original (ownership
 * rule in model/span.ts). Resolves when all accepted; rejects with the first refusal after all have answered, so a
 * sender that retries may deliver twice to the consumers that accepted (at-least-once, as in the Collector).
 */
export function createFanout(consumers: readonly Consumer[]): Consumer {
  if (consumers.length === 1) return consumers[0] as Consumer;
  return {
    async consume(batch: TraceBatch): Promise<void> {
      const last = consumers.length - 1;
      const results = await Promise.allSettled(consumers.map((c, i) => c.consume(i === last ? batch : cloneBatch(batch))));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      const first = failed[0];
      if (first === undefined) return;
      // A partial refusal (the ids of some spans) is passed on only when it is the only refusal and came from the
      // last consumer, which got the original; otherwise the whole batch counts as refused.
      throw failed.length === 1 && results[last] === first ? first.reason : asWholeRefusal(first.reason);
    },
  };
}
