import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { RATE_LIMITED_LOG_INTERVAL_MILLIS } from '../../telemetry/rateLimitedLog.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { captureLog } from '../../../test/support/captureLog.js';
import { withSchemaDefaults } from '../../../test/receivers/otlp/startTestReceiver.js';
import { makeXrayTrace } from '../../../test/xray/poller/makeXrayTrace.js';
import { counterValue, createSink, eventually } from '../../../test/xray/poller/pollerHarness.js';
import { startFakeXrayApi, type FakeXrayApi } from '../../../test/xray/poller/startFakeXrayApi.js';
import type { AwsXrayPollerConfig } from './config.js';
import { awsxrayPollerFactory } from './factory.js';

/** Environment variables the AWS SDK's default credential chain reads credentials (or where to find them) from. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED',
];

function configFor(api: FakeXrayApi, dir: string, extra: Record<string, unknown> = {}): AwsXrayPollerConfig {
  return withSchemaDefaults<AwsXrayPollerConfig>(awsxrayPollerFactory.configSchema, {
    region: 'us-west-2',
    endpoint: api.endpoint,
    aws_access_key_id: 'AKIDTEST',
    aws_secret_access_key: 'secret',
    polling_interval: '50ms',
    window: '5m',
    settle_delay: '0s',
    overlap: '30s',
    max_replay: '30m',
    backoff: { initial_interval: '1ms', max_interval: '10ms' },
    checkpoint: { sqlite: { path: join(dir, 'poller.db') } },
    ...extra,
  });
}

describe('awsxray_poller says what is wrong', () => {
  let api: FakeXrayApi;
  let dir: string;
  before(async () => {
    api = await startFakeXrayApi();
    dir = mkdtempSync(join(tmpdir(), 'spanbridge-poller-failures-'));
  });
  after(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('each failed X-Ray call is logged at warn with its cause, at most once per interval, while it is retried', async () => {
    const log = captureLog();
    const telemetry = createTelemetry();
    const sink = createSink();
    const traces = [0, 1].map((i) => makeXrayTrace(500 + i, Date.now() - 10 * 60_000 + i * 1000));
    for (const t of traces) api.addTrace(t.documents);
    api.fail(20, '/TraceSummaries', 503, 'ServiceUnavailableException');
    const id = 'awsxray_poller/failing';
    const receiver = awsxrayPollerFactory.createReceiver({ id, logger: log.logger, telemetry }, configFor(api, join(dir, 'a')), sink);
    const started = Date.now();
    await receiver.start({ logger: log.logger, telemetry });
    try {
      await eventually('the traces delivered once X-Ray answers again', () => traces.every((t) => sink.traceIds().has(t.otelTraceId)));
    } finally {
      await receiver.shutdown();
    }
    const elapsed = Date.now() - started;
    const failed = await counterValue(telemetry, 'spanbridge_xray_poller_api_calls_total', { receiver: id, api: 'GetTraceSummaries', outcome: 'error' });
    assert.equal(failed, 20);
    const warnings = log.records().filter((r) => r.level === 40 && r.msg === 'X-Ray call failed; retrying');
    assert.ok(warnings.length >= 1, 'the first failure is logged');
    assert.deepEqual([warnings[0]?.receiver, warnings[0]?.api, warnings[0]?.failure], [id, 'GetTraceSummaries', 'retryable']);
    assert.match(String(warnings[0]?.error), /^ServiceUnavailableException \(HTTP 503\): ServiceUnavailableException \(injected\)$/);
    assert.ok(warnings.length <= Math.floor(elapsed / RATE_LIMITED_LOG_INTERVAL_MILLIS) + 1, `${warnings.length} warnings in ${elapsed} ms`);
  });

  test('an unreachable X-Ray API is logged with the connection error', async () => {
    const log = captureLog();
    const telemetry = createTelemetry();
    const closed = await startFakeXrayApi();
    await closed.close();
    const receiver = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller', logger: log.logger, telemetry }, configFor(closed, join(dir, 'b')), createSink());
    await receiver.start({ logger: log.logger, telemetry });
    try {
      await eventually('a warning', () => log.records().some((r) => r.level === 40 && r.msg === 'X-Ray call failed; retrying'));
    } finally {
      await receiver.shutdown();
    }
    const warning = log.records().find((r) => r.level === 40 && r.msg === 'X-Ray call failed; retrying');
    assert.match(String(warning?.error), /ECONNREFUSED/);
  });

  test('without credentials, start fails with SB_CONFIG naming the config keys and environment variables to set', async (t) => {
    for (const name of CREDENTIAL_VARIABLES) {
      const saved = process.env[name];
      delete process.env[name];
      t.after(() => {
        if (saved === undefined) delete process.env[name];
        else process.env[name] = saved;
      });
    }
    // Nothing outside the test: no shared files, no instance metadata service.
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_CONFIG_FILE: join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true' });
    const telemetry = createTelemetry();
    const log = captureLog();
    const config = configFor(api, join(dir, 'c'));
    delete config.aws_access_key_id;
    delete config.aws_secret_access_key;
    const requests = api.requests.length;
    const receiver = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller/nokeys', logger: log.logger, telemetry }, config, createSink());
    await assert.rejects(receiver.start({ logger: log.logger, telemetry }), (err: unknown) => {
      assert.ok(err instanceof PipelineError && err.code === 'SB_CONFIG', String(err));
      assert.match(err.message, /^receiver awsxray_poller\/nokeys: no AWS credentials \(Could not load credentials from any providers\): /);
      for (const fix of ['aws_access_key_id', 'aws_secret_access_key', 'role_arn', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) assert.ok(err.message.includes(fix), `names ${fix}`);
      return true;
    });
    await receiver.shutdown();
    assert.equal(api.requests.length, requests, 'no X-Ray call was made');
    assert.equal(existsSync(join(dir, 'c', 'poller.db')), false, 'no checkpoint was opened');
  });
});
