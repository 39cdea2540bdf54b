import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from '../../config/configSchema.js';
import { durationSchema } from '../../config/duration.js';
import { exporterHelperProperties } from '../../pipeline/queuedExporter.js';

/**
 * The `awsxray` exporter's configuration; names as in the Collector's awsxrayexporter, plus the trace-id fix. Without
 * static keys (and without role_arn) the SDK's default credential chain is used.
 */
export const awsXrayExporterConfigSchema = configObject({
  // With `endpoint` set it is only the signing region (default us-east-1).
  region: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$', description: 'AWS region, like eu-west-1 (required unless endpoint is set)' })),
  // E.g. another Spanbridge's X-Ray API, `http://host:2000`.
  endpoint: Type.Optional(Type.String({ pattern: '^https?://[^\\s/?#]+', description: 'X-Ray endpoint URL instead of the region\'s' })),
  // Assumed with the static keys, or the default chain, as the source.
  role_arn: Type.Optional(Type.String({ pattern: '^arn:', description: 'IAM role to assume through STS' })),
  aws_access_key_id: Type.Optional(Type.String({ minLength: 1, description: 'static access key id (with aws_secret_access_key)' })),
  aws_secret_access_key: Type.Optional(Type.String({ minLength: 1, description: 'static secret access key' })),
  indexed_attributes: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'attribute keys written as annotations' }),
  index_all_attributes: Type.Boolean({ default: false, description: 'every scalar attribute as an annotation' }),
  trace_id_mode: stringEnum(['fix_epoch', 'passthrough'], { default: 'fix_epoch', description: 'rewrite trace ids whose epoch X-Ray refuses, or only reformat them' }),
  trace_id_cache: configObject(
    {
      ttl: durationSchema('60s', 'how long a rewritten trace id is remembered after its last use'),
      backend: stringEnum(['memory', 'redis'], { default: 'memory', description: 'memory (one instance) or redis (instances share choices)' }),
      redis: configObject(
        {
          url: Type.Optional(Type.String({ pattern: '^rediss?://', description: 'redis://[user:password@]host:port[/db]' })),
          cluster: Type.Boolean({ default: false, description: 'connect as a Redis Cluster client' }),
        },
        { default: {} },
      ),
    },
    { default: {} },
  ),
  // For trying pipelines out.
  log_sent_documents: Type.Boolean({ default: false, description: 'log the documents of each PutTraceSegments call (info level)' }),
  ...exporterHelperProperties,
});

export type AwsXrayExporterConfig = Static<typeof awsXrayExporterConfigSchema>;

/** What the schema cannot say; problems as `path.key: ...`. */
export function validateAwsXrayExporterConfig(path: string, c: AwsXrayExporterConfig): string[] {
  const problems: string[] = [];
  if (c.region === undefined && c.endpoint === undefined) problems.push(`${path}.region: required (or set endpoint)`);
  if ((c.aws_access_key_id === undefined) !== (c.aws_secret_access_key === undefined)) {
    problems.push(`${path}.${c.aws_access_key_id === undefined ? 'aws_access_key_id' : 'aws_secret_access_key'}: required with ${c.aws_access_key_id === undefined ? 'aws_secret_access_key' : 'aws_access_key_id'}`);
  }
  if (c.trace_id_mode === 'fix_epoch' && c.trace_id_cache.backend === 'redis' && c.trace_id_cache.redis.url === undefined) {
    problems.push(`${path}.trace_id_cache.redis.url: required with backend redis`);
  }
  return problems;
}
