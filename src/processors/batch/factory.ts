import { ConfigError } from '../../config/configError.js';
import type { ProcessorFactory } from '../../pipeline/component.js';
import { createBatchProcessor } from './batchProcessor.js';
import { batchConfigSchema, validateBatchConfig, type BatchConfig } from './config.js';

export const batchFactory = {
  kind: 'processor',
  type: 'batch',
  description: 'Groups spans into batches by size and time; acknowledges once the batch holding them is accepted downstream.',
  configSchema: batchConfigSchema,
  validateConfig: validateBatchConfig,
  createProcessor(settings, config, next) {
    const problems = validateBatchConfig(`processors.${settings.id}`, config);
    if (problems.length > 0) throw new ConfigError(`processor ${settings.id}`, problems);
    return createBatchProcessor(settings, config, next);
  },
} satisfies ProcessorFactory<BatchConfig>;
