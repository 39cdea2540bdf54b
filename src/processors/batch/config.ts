/** The `batch` processor's config, keys and meaning as in the Collector's batchprocessor. */
export interface BatchConfig {
  /** Spans that trigger a send before the timeout; 0 sends on every arrival. */
  send_batch_size: number;
  /** Most spans in one batch handed on; 0 = no limit. Larger batches are split. */
  send_batch_max_size: number;
  /** Longest a span waits before it is sent regardless of size; "0" sends at once. */
  timeout: string;
}

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
