import { ConfigError } from '../../config/configError.js';
import type { ProcessorFactory } from '../../pipeline/component.js';
import { memoryLimiterConfigSchema, validateMemoryLimiterConfig, type MemoryLimiterConfig } from './config.js';
import { createMemoryLimiter } from './memoryLimiter.js';

export const memoryLimiterFactory = {
  kind: 'processor',
  type: 'memory_limiter',
  description: 'Refuses data (retryable SB_MEMORY_LIMIT) while memory use is above the soft limit.',
  configSchema: memoryLimiterConfigSchema,
  validateConfig: validateMemoryLimiterConfig,
  createProcessor(settings, config, next) {
    const problems = validateMemoryLimiterConfig(`processors.${settings.id}`, config);
    if (problems.length > 0) throw new ConfigError(`processor ${settings.id}`, problems);
    return createMemoryLimiter(settings, config, next);
  },
} satisfies ProcessorFactory<MemoryLimiterConfig>;
