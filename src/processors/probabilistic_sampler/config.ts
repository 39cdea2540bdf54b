/** The `probabilistic_sampler` processor's config; keys and meaning as in the Collector's probabilisticsamplerprocessor. */
export interface ProbabilisticSamplerConfig {
  /** Percentage of traces kept; 0 keeps none, 100 or more keeps all. */
  sampling_percentage: number;
  /** Seed of the trace-id hash (uint32). Instances of one tier must share it; tiers should differ. */
  hash_seed: number;
  /** Only the Collector's `hash_seed` mode is implemented. */
  mode: 'hash_seed';
}
