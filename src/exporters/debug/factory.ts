import type { ExporterFactory } from '../../pipeline/component.js';
import type { DebugConfig } from './config.js';
import { createDebugExporter } from './debugExporter.js';

export const debugExporterFactory: ExporterFactory<DebugConfig> = {
  kind: 'exporter',
  type: 'debug',
  description: 'Writes received spans to the log (basic: counts; normal: one line per span; detailed: every field).',
  // Defaults from the Collector's debugexporter README.
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      verbosity: { enum: ['basic', 'normal', 'detailed'], default: 'basic', description: 'how much is written' },
      sampling_initial: { type: 'integer', minimum: 1, default: 2, description: 'batches logged per second before sampling' },
      sampling_thereafter: { type: 'integer', minimum: 1, default: 1, description: 'then every Nth batch is logged' },
    },
  },
  createExporter(settings, config) {
    return createDebugExporter(settings, config);
  },
};
