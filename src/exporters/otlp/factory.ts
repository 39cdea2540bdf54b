import type { ExporterFactory } from '../../pipeline/component.js';
import { createQueuedExporter } from '../../pipeline/queuedExporter.js';
import { otlpGrpcExporterConfigSchema, type OtlpGrpcExporterConfig } from './config.js';
import { createOtlpGrpcSender } from './otlpGrpcSender.js';

export const otlpGrpcExporterFactory = {
  kind: 'exporter',
  type: 'otlp',
  description: 'Sends traces with OTLP/gRPC (TraceService/Export, gzip) through a queue with retries',
  configSchema: otlpGrpcExporterConfigSchema,
  createExporter(settings, config) {
    return createQueuedExporter(settings, config, createOtlpGrpcSender(settings, config));
  },
} satisfies ExporterFactory<OtlpGrpcExporterConfig>;
