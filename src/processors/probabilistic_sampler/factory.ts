import type { ProcessorFactory } from '../../pipeline/component.js';
import type { ProbabilisticSamplerConfig } from './config.js';
import { createProbabilisticSampler } from './probabilisticSampler.js';

export const probabilisticSamplerFactory: ProcessorFactory<ProbabilisticSamplerConfig> = {
  kind: 'processor',
  type: 'probabilistic_sampler',
  description: 'Keeps a fixed percentage of traces, decided by a seeded hash of the trace id (the same in every instance).',
  // Defaults and ranges from the Collector's probabilisticsamplerprocessor (config.go): percentage 0 samples nothing,
  // values of 100 or more sample everything; the seed is a uint32.
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      sampling_percentage: { type: 'number', minimum: 0, default: 0, description: 'percentage of traces kept (>= 100 keeps all)' },
      hash_seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295, default: 0, description: 'hash seed; equal within a tier' },
      mode: { enum: ['hash_seed'], default: 'hash_seed', description: 'sampling mode; only hash_seed is implemented' },
    },
  },
  createProcessor(settings, config, next) {
    return createProbabilisticSampler(settings, config, next);
  },
};
