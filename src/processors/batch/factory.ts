import { ConfigError } from '../../config/configError.js';
import { durationSchema } from '../../config/duration.js';
import type { ProcessorFactory } from '../../pipeline/component.js';
import { createBatchProcessor } from './batchProcessor.js';
import { validateBatchConfig, type BatchConfig } from './config.js';

export const batchFactory: ProcessorFactory<BatchConfig> = {
  kind: 'processor',
  type: 'batch',
  description: 'Groups spans into batches by size and time; acknowledges once the batch holding them is accepted downstream.',
  // Defaults from the Collector's batchprocessor README.
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      send_batch_size: { type: 'integer', minimum: 0, maximum: 4_294_967_295, default: 8192, description: 'spans that trigger a send' },
      send_batch_max_size: { type: 'integer', minimum: 0, maximum: 4_294_967_295, default: 0, description: 'most spans in one batch; 0 = no limit' },
      timeout: durationSchema('200ms', 'longest wait before a send, like "200ms"'),
    },
  },
  validateConfig: validateBatchConfig,
  createProcessor(settings, config, next) {
    const problems = validateBatchConfig(`processors.${settings.id}`, config);
    if (problems.length > 0) throw new ConfigError(`processor ${settings.id}`, problems);
    return createBatchProcessor(settings, config, next);
  },
};
