import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../../config/configSchema.js';
import { durationSchema } from '../../config/duration.js';
import { parseDurationMillis } from '../../model/duration.js';

/** The `memory_limiter` processor's config, keys and meaning as in the Collector's memorylimiterprocessor. */
export const memoryLimiterConfigSchema = configObject({
  check_interval: durationSchema('1s', 'how often memory is read, like "1s"'),
  limit_mib: Type.Integer({ minimum: 1, maximum: 4_294_967_295, description: 'hard limit in MiB' }),
  spike_limit_mib: Type.Integer({ minimum: 0, maximum: 4_294_967_295, default: 0, description: 'soft limit = limit_mib - spike_limit_mib; 0 = 20% of limit_mib' }),
  // Not in the Collector: refusal by outstanding acknowledgements (ackAdmission.ts).
  max_in_flight_spans: Type.Integer({ minimum: 0, maximum: 4_294_967_295, default: 50_000, description: 'spans handed on and not yet acknowledged, at most; more are refused with 503 (0 = no bound)' }),
  max_ack_wait: durationSchema('2s', 'once the oldest unacknowledged batch has waited this long, new data is refused with 503 ("0" = no bound)'),
});

export type MemoryLimiterConfig = Static<typeof memoryLimiterConfigSchema>;

export interface MemoryLimits {
  checkIntervalMillis: number;
  hardLimitBytes: number;
  softLimitBytes: number;
}

const MIB = 1024 * 1024;

/** The limits a config describes; spike 0 means 20% of the limit, as in the Collector's `newFixedMemUsageChecker`. */
export function memoryLimits(c: MemoryLimiterConfig): MemoryLimits {
  const hardLimitBytes = c.limit_mib * MIB;
  const spikeBytes = c.spike_limit_mib > 0 ? c.spike_limit_mib * MIB : hardLimitBytes / 5;
  return { checkIntervalMillis: parseDurationMillis(c.check_interval), hardLimitBytes, softLimitBytes: hardLimitBytes - spikeBytes };
}

/**
 * The rules the JSON schema cannot express (the Collector's memorylimiterprocessor `Config.Validate`). Returns
 * `path.key: message` problems, `path` being the component's config path.
 */
export function validateMemoryLimiterConfig(path: string, c: MemoryLimiterConfig): string[] {
  const problems: string[] = [];
  if (parseDurationMillis(c.check_interval) <= 0) problems.push(`${path}.check_interval: must be greater than 0`);
  if (c.spike_limit_mib >= c.limit_mib) problems.push(`${path}.spike_limit_mib: must be smaller than limit_mib (${c.limit_mib})`);
  return problems;
}
