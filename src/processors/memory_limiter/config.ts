import { parseDurationMillis } from '../../config/duration.js';

/** The `memory_limiter` processor's config, keys and meaning as in the Collector's memorylimiterprocessor. */
export interface MemoryLimiterConfig {
  /** How often memory is read. */
  check_interval: string;
  /** The hard limit in MiB. */
  limit_mib: number;
  /** Headroom below the hard limit in MiB; the soft limit is `limit_mib - spike_limit_mib`. 0 = 20% of limit_mib. */
  spike_limit_mib: number;
}

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
