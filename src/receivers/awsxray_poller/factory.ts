import { durationSchema, parseDurationMillis } from '../../config/duration.js';
import { ENDPOINT_PATTERN } from '../../config/endpoint.js';
import type { ReceiverFactory } from '../../pipeline/component.js';
import { createAwsXrayPollerReceiver } from './awsxrayPollerReceiver.js';
import type { AwsXrayPollerConfig } from './config.js';

const HTTP_URL = '^https?://[^\\s]+$';

export const awsxrayPollerFactory: ReceiverFactory<AwsXrayPollerConfig> = {
  kind: 'receiver',
  type: 'awsxray_poller',
  description: 'Polls the AWS X-Ray API (GetTraceSummaries, BatchGetTraces) in time windows with a durable checkpoint and a lease among replicas.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      region: { type: 'string', default: '', description: "AWS region ('' = the SDK default chain, or us-east-1 with endpoint)" },
      endpoint: { type: 'string', pattern: HTTP_URL, description: 'X-Ray API URL instead of the region endpoint' },
      role_arn: { type: 'string', pattern: '^arn:[^\\s]+$', description: 'role assumed through STS' },
      aws_access_key_id: { type: 'string', minLength: 1, description: 'static access key id (with aws_secret_access_key)' },
      aws_secret_access_key: { type: 'string', minLength: 1, description: 'static secret access key (with aws_access_key_id)' },
      polling_interval: durationSchema('300s', 'wait between catch-ups once current'),
      window: durationSchema('5m', 'longest time window one GetTraceSummaries scan covers'),
      settle_delay: durationSchema('60s', 'windows end this long before now, so X-Ray has indexed them'),
      overlap: durationSchema('60s', 'each query also reaches this far behind its window (repeats are dropped)'),
      max_replay: durationSchema('1h', 'how far back a poller with no checkpoint starts'),
      time_range_type: { enum: ['TraceId', 'Event', 'Service'], default: 'TraceId', description: 'GetTraceSummaries TimeRangeType' },
      filter_expression: { type: 'string', maxLength: 2000, default: '', description: 'X-Ray filter expression' },
      max_seen_trace_ids: { type: 'integer', minimum: 1, default: 100_000, description: 'bound of the dedupe memory' },
      request_timeout: durationSchema('30s', 'timeout of one X-Ray request'),
      backoff: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          initial_interval: durationSchema('1s', 'first wait after a throttled or failed call'),
          max_interval: durationSchema('60s', 'longest wait between retries'),
        },
      },
      checkpoint: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          backend: { enum: ['sqlite', 'redis'], default: 'sqlite', description: 'where the checkpoint and the lease live' },
          sqlite: {
            type: 'object',
            additionalProperties: false,
            default: {},
            properties: { path: { type: 'string', minLength: 1, default: './data/xray-poller.db', description: 'database file' } },
          },
          redis: {
            type: 'object',
            additionalProperties: false,
            default: {},
            properties: { url: { type: 'string', pattern: '^rediss?://[^\\s]+$', description: 'redis://host:port[/db]' } },
          },
          key: { type: 'string', default: '', description: "poller group ('' = the receiver id); with the region, endpoint and filter expression it keys the checkpoint and the lease" },
        },
      },
      lease: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: { ttl: durationSchema('30s', 'lease lifetime; renewed every third of it') },
      },
      admin: {
        type: 'object',
        additionalProperties: false,
        required: ['endpoint'],
        properties: { endpoint: { type: 'string', pattern: ENDPOINT_PATTERN, description: 'host:port of the admin routes' } },
      },
      autostart: { type: 'boolean', default: true, description: 'start polling with the receiver (else on POST /start)' },
    },
  },
  validateConfig(path, config: AwsXrayPollerConfig) {
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
  },
  createReceiver(settings, config, next) {
    return createAwsXrayPollerReceiver(settings, config, next);
  },
};
