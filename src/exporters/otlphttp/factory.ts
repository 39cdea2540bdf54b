import type { ExporterFactory } from '../../pipeline/component.js';
import { createQueuedExporter } from '../../pipeline/queuedExporter.js';
import { otlpHttpExporterConfigSchema, type OtlpHttpExporterConfig } from './config.js';
import { createOtlpHttpSender } from './otlpHttpSender.js';

export const otlpHttpExporterFactory = {
  kind: 'exporter',
  type: 'otlphttp',
  description: 'Sends traces with OTLP/HTTP (POST /v1/traces, protobuf or JSON, gzip) through a queue with retries',
  configSchema: otlpHttpExporterConfigSchema,
  createExporter(settings, config) {
    return createQueuedExporter(settings, config, createOtlpHttpSender(settings, config));
  },
} satisfies ExporterFactory<OtlpHttpExporterConfig>;
