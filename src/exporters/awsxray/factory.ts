import { ConfigError } from '../../config/configError.js';
import { durationSchema } from '../../config/duration.js';
import type { ExporterFactory } from '../../pipeline/component.js';
import { exporterHelperProperties } from '../../pipeline/queuedExporter.js';
import { createAwsXrayExporter } from './awsxrayExporter.js';
import { validateAwsXrayExporterConfig, type AwsXrayExporterConfig } from './config.js';

export const awsXrayExporterFactory: ExporterFactory<AwsXrayExporterConfig> = {
  kind: 'exporter',
  type: 'awsxray',
  description: 'Sends spans to AWS X-Ray (PutTraceSegments) as segment documents, with the trace-id epoch fix, a queue and retries.',
  // Names as in the Collector's awsxrayexporter, plus the trace-id epoch fix (docs/xray-mapping.md, "The epoch fix").
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      region: { type: 'string', pattern: '^[a-z0-9-]+$', description: 'AWS region, like eu-west-1 (required unless endpoint is set)' },
      endpoint: { type: 'string', pattern: '^https?://[^\\s/?#]+', description: 'X-Ray endpoint URL instead of the region\'s' },
      role_arn: { type: 'string', pattern: '^arn:', description: 'IAM role to assume through STS' },
      aws_access_key_id: { type: 'string', minLength: 1, description: 'static access key id (with aws_secret_access_key)' },
      aws_secret_access_key: { type: 'string', minLength: 1, description: 'static secret access key' },
      indexed_attributes: { type: 'array', items: { type: 'string', minLength: 1 }, default: [], description: 'attribute keys written as annotations' },
      index_all_attributes: { type: 'boolean', default: false, description: 'every scalar attribute as an annotation' },
      trace_id_mode: { enum: ['fix_epoch', 'passthrough'], default: 'fix_epoch', description: 'rewrite trace ids whose epoch X-Ray refuses, or only reformat them' },
      trace_id_cache: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          ttl: durationSchema('60s', 'how long a rewritten trace id is remembered after its last use'),
          backend: { enum: ['memory', 'redis'], default: 'memory', description: 'memory (one instance) or redis (instances share choices)' },
          redis: {
            type: 'object',
            additionalProperties: false,
            default: {},
            properties: {
              url: { type: 'string', pattern: '^rediss?://', description: 'redis://[user:password@]host:port[/db]' },
              cluster: { type: 'boolean', default: false, description: 'connect as a Redis Cluster client' },
            },
          },
        },
      },
      log_sent_documents: { type: 'boolean', default: false, description: 'log the documents of each PutTraceSegments call (info level)' },
      ...exporterHelperProperties,
    },
  },
  validateConfig: validateAwsXrayExporterConfig,
  createExporter(settings, config) {
    const problems = validateAwsXrayExporterConfig(`exporters.${settings.id}`, config);
    if (problems.length > 0) throw new ConfigError(`exporter ${settings.id}`, problems);
    return createAwsXrayExporter(settings, config);
  },
};
