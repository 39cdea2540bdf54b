import { Type, type Static } from '@sinclair/typebox';
import { configObject, recordOf, stringEnum } from '../../config/configSchema.js';
import { exporterHelperProperties } from '../../pipeline/queuedExporter.js';

const HTTP_URL = '^https?://[^\\s]+$';

/** `exporters.otlphttp`, keys as in the Collector's otlphttpexporter; `endpoint` or `traces_endpoint` is required. */
export const otlpHttpExporterConfigSchema = configObject(
  {
    endpoint: Type.Optional(Type.String({ pattern: HTTP_URL, description: 'base URL, e.g. http://collector:4318 (/v1/traces is appended)' })),
    traces_endpoint: Type.Optional(Type.String({ pattern: HTTP_URL, description: 'full URL of the trace route; overrides endpoint' })),
    encoding: stringEnum(['proto', 'json'], { default: 'proto', description: 'request body encoding' }),
    headers: recordOf(Type.String(), { default: {}, description: 'extra request headers' }),
    compression: stringEnum(['gzip', 'none'], { default: 'gzip', description: 'request body compression' }),
    ...exporterHelperProperties,
  },
  { anyOf: [{ required: ['endpoint'] }, { required: ['traces_endpoint'] }] },
);

export type OtlpHttpExporterConfig = Static<typeof otlpHttpExporterConfigSchema>;

/** The URL traces are POSTed to: `traces_endpoint`, else `endpoint` + `/v1/traces` (one slash between them). */
export function tracesUrl(config: Pick<OtlpHttpExporterConfig, 'endpoint' | 'traces_endpoint'>): string {
  if (config.traces_endpoint) return config.traces_endpoint;
  if (!config.endpoint) throw new Error('otlphttp: endpoint or traces_endpoint is required');
  return `${config.endpoint.replace(/\/+$/, '')}/v1/traces`;
}
