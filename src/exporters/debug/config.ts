import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from '../../config/configSchema.js';

/** The `debug` exporter's config; keys, values and defaults as in the Collector's debugexporter README. */
export const debugConfigSchema = configObject({
  // basic: one line per batch; normal: also one line per span; detailed: also every field of every span.
  verbosity: stringEnum(['basic', 'normal', 'detailed'], { default: 'basic', description: 'how much is written' }),
  sampling_initial: Type.Integer({ minimum: 1, default: 2, description: 'batches logged per second before sampling' }),
  // After `sampling_initial` batches in a second.
  sampling_thereafter: Type.Integer({ minimum: 1, default: 1, description: 'then every Nth batch is logged' }),
});

export type DebugConfig = Static<typeof debugConfigSchema>;
