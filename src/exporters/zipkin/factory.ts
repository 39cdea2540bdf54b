import type { ExporterFactory } from '../../pipeline/component.js';
import { zipkinExporterConfigSchema, type ZipkinExporterConfig } from './config.js';
import { createZipkinExporter } from './zipkinExporter.js';

export const zipkinExporterFactory = {
  kind: 'exporter',
  type: 'zipkin',
  description: 'POSTs spans to a Zipkin collector as v2 JSON or proto3, with a queue and retries.',
  configSchema: zipkinExporterConfigSchema,
  createExporter(settings, config) {
    return createZipkinExporter(settings, config);
  },
} satisfies ExporterFactory<ZipkinExporterConfig>;
