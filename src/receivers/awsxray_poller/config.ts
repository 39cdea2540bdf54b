import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from '../../config/configSchema.js';
import { durationSchema } from '../../config/duration.js';
import { authProperty } from '../../config/authConfig.js';
import { ENDPOINT_PATTERN } from '../../config/endpoint.js';
import { tlsProperty } from '../../config/tlsConfig.js';
import { parseDurationMillis } from '../../model/duration.js';

const HTTP_URL = '^https?://[^\\s]+$';

/** The `awsxray_poller` receiver's configuration: validated, defaulted and documented from this schema. */
export const awsXrayPollerConfigSchema = configObject({
  region: Type.String({ default: '', description: "AWS region ('' = the SDK default chain, or us-east-1 with endpoint)" }),
  // E.g. a Spanbridge `awsxray` receiver's `api.endpoint`.
  endpoint: Type.Optional(Type.String({ pattern: HTTP_URL, description: 'X-Ray API URL instead of the region endpoint' })),
  // With the static keys, or the default chain's credentials, as the source.
  role_arn: Type.Optional(Type.String({ pattern: '^arn:[^\\s]+$', description: 'role assumed through STS' })),
  aws_access_key_id: Type.Optional(Type.String({ minLength: 1, description: 'static access key id (with aws_secret_access_key)' })),
  aws_secret_access_key: Type.Optional(Type.String({ minLength: 1, description: 'static secret access key (with aws_access_key_id)' })),
  polling_interval: durationSchema('300s', 'wait between catch-ups once current'),
  window: durationSchema('5m', 'longest time window one GetTraceSummaries scan covers'),
  settle_delay: durationSchema('60s', 'windows end this long before now, so X-Ray has indexed them'),
  // Traces indexed late are found this way.
  overlap: durationSchema('60s', 'each query also reaches this far behind its window (repeats are dropped)'),
  max_replay: durationSchema('1h', 'how far back a poller with no checkpoint starts'),
  time_range_type: stringEnum(['TraceId', 'Event', 'Service'], { default: 'TraceId', description: 'GetTraceSummaries TimeRangeType' }),
  filter_expression: Type.String({ maxLength: 2000, default: '', description: 'X-Ray filter expression' }),
  max_seen_trace_ids: Type.Integer({ minimum: 1, default: 100_000, description: 'bound of the dedupe memory' }),
  request_timeout: durationSchema('30s', 'timeout of one X-Ray request'),
  backoff: configObject(
    {
      initial_interval: durationSchema('1s', 'first wait after a throttled or failed call'),
      max_interval: durationSchema('60s', 'longest wait between retries'),
    },
    { default: {} },
  ),
  checkpoint: configObject(
    {
      backend: stringEnum(['sqlite', 'redis'], { default: 'sqlite', description: 'where the checkpoint and the lease live' }),
      sqlite: configObject({ path: Type.String({ minLength: 1, default: './data/xray-poller.db', description: 'database file' }) }, { default: {} }),
      redis: configObject({ url: Type.Optional(Type.String({ pattern: '^rediss?://[^\\s]+$', description: 'redis://host:port[/db]' })) }, { default: {} }),
      key: Type.String({ default: '', description: "poller group ('' = the receiver id); with the region, endpoint and filter expression it keys the checkpoint and the lease" }),
    },
    { default: {} },
  ),
  lease: configObject({ ttl: durationSchema('30s', 'lease lifetime; renewed every third of it') }, { default: {} }),
  // The HTTP admin routes POST /start, POST /stop and GET /status.
  admin: Type.Optional(configObject({ endpoint: Type.String({ pattern: ENDPOINT_PATTERN, description: 'host:port of the admin routes' }), ...tlsProperty, ...authProperty })),
  autostart: Type.Boolean({ default: true, description: 'start polling with the receiver (else on POST /start)' }),
});

export type AwsXrayPollerConfig = Static<typeof awsXrayPollerConfigSchema>;

/** What the schema cannot say: keys that go together, positive durations, the backoff order. */
export function validateAwsXrayPollerConfig(path: string, config: AwsXrayPollerConfig): string[] {
  const problems: string[] = [];
  if ((config.aws_access_key_id === undefined) !== (config.aws_secret_access_key === undefined)) {
    problems.push(`${path}.aws_access_key_id: aws_access_key_id and aws_secret_access_key go together`);
  }
  if (config.checkpoint.backend === 'redis' && config.checkpoint.redis.url === undefined) problems.push(`${path}.checkpoint.redis.url: required with backend redis`);
  for (const [key, value] of [['polling_interval', config.polling_interval], ['window', config.window], ['lease.ttl', config.lease.ttl], ['request_timeout', config.request_timeout]] as const) {
    if (parseDurationMillis(value) <= 0) problems.push(`${path}.${key}: must be more than 0`);
  }
  if (parseDurationMillis(config.backoff.initial_interval) > parseDurationMillis(config.backoff.max_interval)) {
    problems.push(`${path}.backoff.initial_interval: must not exceed backoff.max_interval`);
  }
  return problems;
}
