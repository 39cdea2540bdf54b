import type { ExporterFactory } from '../../pipeline/component.js';
import { debugConfigSchema, type DebugConfig } from './config.js';
import { createDebugExporter } from './debugExporter.js';

export const debugExporterFactory = {
  kind: 'exporter',
  type: 'debug',
  description: 'Writes received spans to the log (basic: counts; normal: one line per span; detailed: every field).',
  configSchema: debugConfigSchema,
  createExporter(settings, config) {
    return createDebugExporter(settings, config);
  },
} satisfies ExporterFactory<DebugConfig>;
