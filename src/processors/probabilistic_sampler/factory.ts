import type { ProcessorFactory } from '../../pipeline/component.js';
import { probabilisticSamplerConfigSchema, type ProbabilisticSamplerConfig } from './config.js';
import { createProbabilisticSampler } from './probabilisticSampler.js';

export const probabilisticSamplerFactory = {
  kind: 'processor',
  type: 'probabilistic_sampler',
  description: 'Keeps a fixed percentage of traces, decided by a seeded hash of the trace id (the same in every instance).',
  configSchema: probabilisticSamplerConfigSchema,
  createProcessor(settings, config, next) {
    return createProbabilisticSampler(settings, config, next);
  },
} satisfies ProcessorFactory<ProbabilisticSamplerConfig>;
