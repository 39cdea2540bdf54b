import { ConfigError } from '../../config/configError.js';
import { durationSchema } from '../../config/duration.js';
import type { ProcessorFactory } from '../../pipeline/component.js';
import { validateMemoryLimiterConfig, type MemoryLimiterConfig } from './config.js';
import { createMemoryLimiter } from './memoryLimiter.js';

export const memoryLimiterFactory: ProcessorFactory<MemoryLimiterConfig> = {
  kind: 'processor',
  type: 'memory_limiter',
  description: 'Refuses data (retryable SB_MEMORY_LIMIT) while memory use is above the soft limit.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['limit_mib'],
    properties: {
      check_interval: durationSchema('1s', 'how often memory is read, like "1s"'),
      limit_mib: { type: 'integer', minimum: 1, maximum: 4_294_967_295, description: 'hard limit in MiB' },
      spike_limit_mib: { type: 'integer', minimum: 0, maximum: 4_294_967_295, default: 0, description: 'soft limit = limit_mib - spike_limit_mib; 0 = 20% of limit_mib' },
    },
  },
  validateConfig: validateMemoryLimiterConfig,
  createProcessor(settings, config, next) {
    const problems = validateMemoryLimiterConfig(`processors.${settings.id}`, config);
    if (problems.length > 0) throw new ConfigError(`processor ${settings.id}`, problems);
    return createMemoryLimiter(settings, config, next);
  },
};
