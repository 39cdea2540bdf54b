import type { ExporterFactory } from '../../pipeline/component.js';
import { createQueuedExporter, exporterHelperProperties } from '../../pipeline/queuedExporter.js';
import type { OtlpGrpcExporterConfig } from './config.js';
import { createOtlpGrpcSender } from './otlpGrpcSender.js';

export const otlpGrpcExporterFactory: ExporterFactory<OtlpGrpcExporterConfig> = {
  kind: 'exporter',
  type: 'otlp',
  description: 'Sends traces with OTLP/gRPC (TraceService/Export, gzip) through a queue with retries',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['endpoint'],
    properties: {
      endpoint: { type: 'string', pattern: '^(https?://[^\\s/]+/?|[^\\s:/]*:\\d{1,5}|\\[[0-9a-fA-F:.]+\\]:\\d{1,5})$', description: 'host:port, or http(s)://host[:port]' },
      tls: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          insecure: { type: 'boolean', default: false, description: 'true: plaintext, no TLS' },
          ca_file: { type: 'string', minLength: 1, description: 'PEM file with the CA certificates to trust' },
        },
      },
      headers: { type: 'object', additionalProperties: { type: 'string' }, default: {}, description: 'request metadata' },
      compression: { enum: ['gzip', 'none'], default: 'gzip', description: 'message compression' },
      ...exporterHelperProperties,
    },
  },
  createExporter(settings, config) {
    return createQueuedExporter(settings, config, createOtlpGrpcSender(settings, config));
  },
};
