import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config/loadConfig.js';
import { debugExporterFactory } from '../../exporters/debug/factory.js';
import type { Factory } from '../../pipeline/component.js';
import { withSchemaDefaults } from '../../../test/receivers/otlp/startTestReceiver.js';
import type { AwsXrayPollerConfig } from './config.js';
import { awsxrayPollerFactory } from './factory.js';
import { pollerSettingsFromConfig } from './pollerSettingsFromConfig.js';

const factories = new Map<string, Factory>([
  ['receiver:awsxray_poller', awsxrayPollerFactory as Factory],
  ['exporter:debug', debugExporterFactory as Factory],
]);

const yaml = (receiver: string) => `
receivers:
  awsxray_poller:
${receiver
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
exporters:
  debug: {}
service:
  pipelines:
    traces:
      receivers: [awsxray_poller]
      exporters: [debug]
`;

describe('awsxray_poller factory', () => {
  test('defaults: 300s interval, 1h replay, SQLite checkpoint in ./data, 30s lease, autostart', () => {
    const c = withSchemaDefaults<AwsXrayPollerConfig>(awsxrayPollerFactory.configSchema, {});
    assert.deepEqual(c, {
      region: '',
      polling_interval: '300s',
      window: '5m',
      settle_delay: '60s',
      overlap: '60s',
      max_replay: '1h',
      time_range_type: 'TraceId',
      filter_expression: '',
      max_seen_trace_ids: 100_000,
      request_timeout: '30s',
      backoff: { initial_interval: '1s', max_interval: '60s' },
      checkpoint: { backend: 'sqlite', sqlite: { path: './data/xray-poller.db' }, redis: {}, key: '' },
      lease: { ttl: '30s' },
      autostart: true,
    });
    assert.deepEqual(pollerSettingsFromConfig(c), {
      pollingIntervalMillis: 300_000,
      windowMillis: 300_000,
      settleDelayMillis: 60_000,
      overlapMillis: 60_000,
      maxReplayMillis: 3_600_000,
      timeRangeType: 'TraceId',
      filterExpression: '',
      leaseTtlMillis: 30_000,
      maxSeenTraceIds: 100_000,
      backoff: { initialIntervalMillis: 1000, randomizationFactor: 0.5, multiplier: 2, maxIntervalMillis: 60_000, maxElapsedMillis: 0 },
    });
  });

  test('a full config loads', () => {
    const cfg = loadConfig(
      yaml(`region: eu-west-1
endpoint: http://127.0.0.1:2000
role_arn: arn:aws:iam::123456789012:role/xray-reader
aws_access_key_id: AKID
aws_secret_access_key: secret
polling_interval: 1m
filter_expression: service("productpage")
time_range_type: Event
checkpoint: { backend: redis, redis: { url: "redis://127.0.0.1:6379" }, key: eu }
lease: { ttl: 10s }
admin: { endpoint: "127.0.0.1:0" }`),
      'test.yaml',
      { factories },
    );
    const c = cfg.receivers.awsxray_poller as AwsXrayPollerConfig;
    assert.equal(c.checkpoint.backend, 'redis');
    assert.equal(c.checkpoint.sqlite.path, './data/xray-poller.db');
    assert.equal(c.admin?.endpoint, '127.0.0.1:0');
  });

  test('every problem is reported with its path', () => {
    assert.throws(
      () =>
        loadConfig(
          yaml(`endpoint: not-a-url
aws_access_key_id: AKID
polling_interval: 0
window: soon
time_range_type: Later
checkpoint: { backend: redis, sqlite: { file: x } }
lease: { ttl: 5s, renew: 1s }
admin: {}`),
          'test.yaml',
          { factories },
        ),
      (err: Error) => {
        for (const p of [
          /receivers\.awsxray_poller\.endpoint/,
          /receivers\.awsxray_poller\.window/,
          /receivers\.awsxray_poller\.time_range_type/,
          /receivers\.awsxray_poller\.checkpoint\.sqlite/,
          /receivers\.awsxray_poller\.lease/,
          /receivers\.awsxray_poller\.admin/,
        ]) {
          assert.match(err.message, p);
        }
        return true;
      },
    );
    assert.throws(
      () => loadConfig(yaml(`aws_access_key_id: AKID\npolling_interval: 0s\ncheckpoint: { backend: redis }\nbackoff: { initial_interval: 2m }`), 'test.yaml', { factories }),
      (err: Error) => {
        assert.match(err.message, /receivers\.awsxray_poller\.aws_access_key_id: aws_access_key_id and aws_secret_access_key go together/);
        assert.match(err.message, /receivers\.awsxray_poller\.checkpoint\.redis\.url: required with backend redis/);
        assert.match(err.message, /receivers\.awsxray_poller\.polling_interval: must be more than 0/);
        assert.match(err.message, /receivers\.awsxray_poller\.backoff\.initial_interval: must not exceed backoff\.max_interval/);
        return true;
      },
    );
  });
});
