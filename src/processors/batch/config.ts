import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../../config/configSchema.js';
import { durationSchema } from '../../config/duration.js';

/** The `batch` processor's config, keys, meaning and defaults as in the Collector's batchprocessor. */
export const batchConfigSchema = configObject({
  // 0 sends on every arrival.
  send_batch_size: Type.Integer({ minimum: 0, maximum: 4_294_967_295, default: 8192, description: 'spans that trigger a send' }),
  // Larger batches are split.
  send_batch_max_size: Type.Integer({ minimum: 0, maximum: 4_294_967_295, default: 0, description: 'most spans in one batch; 0 = no limit' }),
  // "0" sends at once.
  timeout: durationSchema('200ms', 'longest wait before a send, like "200ms"'),
});

export type BatchConfig = Static<typeof batchConfigSchema>;

/**
 * The rules that relate several keys, which the JSON schema cannot express (the Collector's batchprocessor
 * `Config.Validate`). Returns `path.key: message` problems, `path` being the component's config path.
 */
export function validateBatchConfig(path: string, c: BatchConfig): string[] {
  const problems: string[] = [];
  if (c.send_batch_max_size > 0 && c.send_batch_max_size < c.send_batch_size) {
    problems.push(`${path}.send_batch_max_size: must be 0 (no limit) or >= send_batch_size (${c.send_batch_size})`);
  }
  return problems;
}
