import type { ExporterFactory } from '../../pipeline/component.js';
import { createQueuedExporter, exporterHelperProperties } from '../../pipeline/queuedExporter.js';
import type { OtlpHttpExporterConfig } from './config.js';
import { createOtlpHttpSender } from './otlpHttpSender.js';

const HTTP_URL = '^https?://[^\\s]+$';

export const otlpHttpExporterFactory: ExporterFactory<OtlpHttpExporterConfig> = {
  kind: 'exporter',
  type: 'otlphttp',
  description: 'Sends traces with OTLP/HTTP (POST /v1/traces, protobuf or JSON, gzip) through a queue with retries',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['endpoint'] }, { required: ['traces_endpoint'] }],
    properties: {
      endpoint: { type: 'string', pattern: HTTP_URL, description: 'base URL, e.g. http://collector:4318 (/v1/traces is appended)' },
      traces_endpoint: { type: 'string', pattern: HTTP_URL, description: 'full URL of the trace route; overrides endpoint' },
      encoding: { enum: ['proto', 'json'], default: 'proto', description: 'request body encoding' },
      headers: { type: 'object', additionalProperties: { type: 'string' }, default: {}, description: 'extra request headers' },
      compression: { enum: ['gzip', 'none'], default: 'gzip', description: 'request body compression' },
      ...exporterHelperProperties,
    },
  },
  createExporter(settings, config) {
    return createQueuedExporter(settings, config, createOtlpHttpSender(settings, config));
  },
};
