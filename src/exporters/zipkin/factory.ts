import type { ExporterFactory } from '../../pipeline/component.js';
import { exporterHelperProperties } from '../../pipeline/queuedExporter.js';
import type { ZipkinExporterConfig } from './config.js';
import { createZipkinExporter } from './zipkinExporter.js';

export const zipkinExporterFactory: ExporterFactory<ZipkinExporterConfig> = {
  kind: 'exporter',
  type: 'zipkin',
  description: 'POSTs spans to a Zipkin collector as v2 JSON or proto3, with a queue and retries.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['endpoint'],
    properties: {
      endpoint: { type: 'string', pattern: '^https?://[^\\s/?#]+', description: 'full URL, like http://zipkin:9411/api/v2/spans' },
      format: { enum: ['json', 'proto'], default: 'json', description: 'v2 JSON or proto3 ListOfSpans' },
      default_service_name: { type: 'string', minLength: 1, default: 'unknown_service', description: 'service name for resources without service.name' },
      ...exporterHelperProperties,
    },
  },
  createExporter(settings, config) {
    return createZipkinExporter(settings, config);
  },
};
