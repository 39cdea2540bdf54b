import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from '../../config/configSchema.js';
import { exporterHelperProperties } from '../../pipeline/queuedExporter.js';

/** The `zipkin` exporter's configuration: validated, defaulted and documented from this schema. */
export const zipkinExporterConfigSchema = configObject({
  endpoint: Type.String({ pattern: '^https?://[^\\s/?#]+', description: 'full URL, like http://zipkin:9411/api/v2/spans' }),
  // json: application/json; proto: application/x-protobuf.
  format: stringEnum(['json', 'proto'], { default: 'json', description: 'v2 JSON or proto3 ListOfSpans' }),
  // localEndpoint.serviceName of those spans.
  default_service_name: Type.String({ minLength: 1, default: 'unknown_service', description: 'service name for resources without service.name' }),
  ...exporterHelperProperties,
});

export type ZipkinExporterConfig = Static<typeof zipkinExporterConfigSchema>;
