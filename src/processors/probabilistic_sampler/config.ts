import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from '../../config/configSchema.js';

/**
 * The `probabilistic_sampler` processor's config; keys, ranges and defaults as in the Collector's
 * probabilisticsamplerprocessor (config.go): percentage 0 samples nothing, 100 or more everything; the seed is a uint32.
 */
export const probabilisticSamplerConfigSchema = configObject({
  sampling_percentage: Type.Number({ minimum: 0, default: 0, description: 'percentage of traces kept (>= 100 keeps all)' }),
  // Instances of one tier must share it; tiers should differ.
  hash_seed: Type.Integer({ minimum: 0, maximum: 4_294_967_295, default: 0, description: 'hash seed; equal within a tier' }),
  // Only the Collector's `hash_seed` mode is implemented.
  mode: stringEnum(['hash_seed'], { default: 'hash_seed', description: 'sampling mode; only hash_seed is implemented' }),
});

export type ProbabilisticSamplerConfig = Static<typeof probabilisticSamplerConfigSchema>;
