/** The `debug` exporter's config; keys, values and defaults as in the Collector's debugexporter. */
export interface DebugConfig {
  /** basic: one line per batch; normal: also one line per span; detailed: also every field of every span. */
  verbosity: 'basic' | 'normal' | 'detailed';
  /** Batches logged per second before sampling starts. */
  sampling_initial: number;
  /** After `sampling_initial` in a second, every Nth batch is logged. */
  sampling_thereafter: number;
}
