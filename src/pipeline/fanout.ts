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
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
