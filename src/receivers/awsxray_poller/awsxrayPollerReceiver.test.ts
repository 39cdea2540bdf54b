import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../../errors.js';
import { credentialsFor, type HttpAuthenticator } from '../../http/authentication.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { redisUnavailable, startRedisServer, type RunningRedis } from '../../../test/xray/idcache/startRedisServer.js';
import type { PollerStatus } from '../../xray/poller/status.js';
import { makeXrayTrace, type MadeXrayTrace } from '../../../test/xray/poller/makeXrayTrace.js';
import { counterValue, createSink, eventually } from '../../../test/xray/poller/pollerHarness.js';
import { startFakeXrayApi, type FakeXrayApi } from '../../../test/xray/poller/startFakeXrayApi.js';
import { withSchemaDefaults } from '../../../test/receivers/otlp/startTestReceiver.js';
import { createTestCa, skipWithoutOpenssl } from '../../../test/support/testCertificates.js';
import { httpsRequest } from '../../../test/support/tlsClient.js';
import type { AwsXrayPollerConfig } from './config.js';
import { awsxrayPollerFactory } from './factory.js';

const logger = pino({ level: 'silent' });

function configFor(api: FakeXrayApi, extra: Record<string, unknown>): AwsXrayPollerConfig {
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
    ...extra,
  });
}

/** `n` traces numbered from `firstSeq`, starting at `fromMillis` (default 20 minutes ago), `stepMillis` apart. */
function addRecentTraces(api: FakeXrayApi, n: number, firstSeq = 0, fromMillis = Date.now() - 20 * 60_000, stepMillis = 20_000): MadeXrayTrace[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = makeXrayTrace(firstSeq + i, fromMillis + i * stepMillis);
    api.addTrace(t.documents);
    out.push(t);
  }
  return out;
}

describe('awsxray_poller receiver', () => {
  let api: FakeXrayApi;
  let dir: string;
  before(async () => {
    api = await startFakeXrayApi();
    dir = mkdtempSync(join(tmpdir(), 'spanbridge-awsxray-poller-'));
  });
  after(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('admin routes start, stop and show the status; accepted spans are counted with transport poll', async () => {
    const telemetry = createTelemetry();
    const sink = createSink();
    const config = configFor(api, { autostart: false, admin: { endpoint: '127.0.0.1:0' }, checkpoint: { sqlite: { path: join(dir, 'a', 'poller.db') }, key: 'admin-test' } });
    const receiver = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller/admin', logger, telemetry }, config, sink);
    await receiver.start({ logger, telemetry });
    try {
      const base = `http://${receiver.endpoints?.().http ?? ''}`;
      const status = async () => (await (await fetch(`${base}/status`)).json()) as PollerStatus;
      assert.equal((await status()).state, 'stopped');
      const traces = addRecentTraces(api, 6);
      const started = await fetch(`${base}/start`, { method: 'POST' });
      assert.equal(started.status, 200);
      await eventually('all traces delivered', () => sink.traceIds().size === traces.length);
      await eventually('the poller is idle', async () => (await status()).state === 'idle');
      const s = await status();
      assert.equal(s.lease?.self, true);
      assert.equal(s.lease?.holder, s.holderId);
      assert.ok(s.lastWindow !== null && s.checkpoint !== null);
      assert.equal(s.counts.traces, 6);
      assert.equal(s.counts.spans, 18);
      assert.equal(s.lastError, null);
      assert.equal(await counterValue(telemetry, 'spanbridge_receiver_accepted_spans_total', { receiver: 'awsxray_poller/admin', transport: 'poll' }), 18);

      const stopped = (await (await fetch(`${base}/stop`, { method: 'POST' })).json()) as PollerStatus;
      assert.equal(stopped.state, 'stopped');
      assert.equal(stopped.lease, null, 'the lease was released');
      const more = addRecentTraces(api, 2, 100, Date.now() - 20_000, 5_000);
      assert.equal((await fetch(`${base}/start`, { method: 'POST' })).status, 200);
      await eventually('the traces added while stopped are delivered', () => sink.traceIds().size === traces.length + more.length);
      assert.equal((await fetch(`${base}/nope`)).status, 404);
    } finally {
      await receiver.shutdown();
    }
    assert.deepEqual(receiver.endpoints?.(), {});
  });

  test('the admin server over HTTPS with an authenticator: 401 without credentials, the routes with them', skipWithoutOpenssl(), async () => {
    const ca = createTestCa();
    const cert = ca.issue('admin', 'server');
    const telemetry = createTelemetry();
    const config = configFor(api, {
      autostart: false,
      admin: { endpoint: '127.0.0.1:0', tls: { cert_file: cert.certFile, key_file: cert.keyFile }, auth: { authenticator: 'bearertokenauth/admin' } },
      checkpoint: { sqlite: { path: join(dir, 'secure', 'poller.db') }, key: 'admin-secure' },
    });
    const receiver = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller/secure', logger, telemetry }, config, createSink());
    const admin: HttpAuthenticator = { scheme: 'Bearer', authenticate: async (a) => credentialsFor(a, 'Bearer') === 'op' };
    await receiver.start({ logger, telemetry, authenticator: (id) => (id === 'bearertokenauth/admin' ? admin : undefined) });
    try {
      const base = `https://${receiver.endpoints?.().http ?? ''}`;
      const refused = await httpsRequest(`${base}/status`, { ca: ca.ca });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers['www-authenticate'], 'Bearer realm="spanbridge"');
      assert.equal((await httpsRequest(`${base}/start`, { ca: ca.ca }, { method: 'POST' })).status, 401);
      const status = await httpsRequest(`${base}/status`, { ca: ca.ca }, { headers: { authorization: 'Bearer op' } });
      assert.equal(status.status, 200);
      assert.equal((JSON.parse(status.text) as PollerStatus).state, 'stopped', 'the refused POST /start did not start it');
    } finally {
      await receiver.shutdown();
    }
  });

  test('without a region or an endpoint, start fails with SB_CONFIG', async (t) => {
    // The SDK would find a region in the environment; this test is about having none.
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) {
      const saved = process.env[name];
      delete process.env[name];
      t.after(() => {
        if (saved !== undefined) process.env[name] = saved;
      });
    }
    const telemetry = createTelemetry();
    const config = configFor(api, { region: '', checkpoint: { sqlite: { path: join(dir, 'b', 'poller.db') } } });
    delete config.endpoint;
    const receiver = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller', logger, telemetry }, config, createSink());
    await assert.rejects(receiver.start({ logger, telemetry }), (err: unknown) => err instanceof PipelineError && err.code === 'SB_CONFIG' && /no AWS region/.test(err.message));
    await receiver.shutdown();
  });

  const missing = redisUnavailable();
  describe('with a Redis checkpoint', { skip: process.env.CI !== 'true' && missing !== undefined ? missing : false }, () => {
    let redis: RunningRedis | undefined;
    before(async () => {
      assert.equal(missing, undefined, missing);
      redis = await startRedisServer();
    });
    after(async () => {
      await redis?.stop();
    });

    test('two replicas share one lease: one polls, the other stands by, and takes over when the first shuts down', async () => {
      const telemetry = createTelemetry();
      const sink = createSink();
      const config = configFor(api, { checkpoint: { backend: 'redis', redis: { url: (redis as RunningRedis).url }, key: 'replicas' }, lease: { ttl: '2s' } });
      const one = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller', logger, telemetry }, config, sink);
      const two = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller', logger, telemetry }, config, sink);
      const pollerOf = (r: typeof one) => (r as unknown as { poller: { status(): Promise<PollerStatus> } }).poller;
      const traces = addRecentTraces(api, 8, 200);
      await one.start({ logger, telemetry });
      await two.start({ logger, telemetry });
      try {
        await eventually('every trace delivered', () => traces.every((t) => sink.traceIds().has(t.otelTraceId)));
        const [s1, s2] = [await pollerOf(one).status(), await pollerOf(two).status()];
        assert.deepEqual([s1.lease?.self, s2.lease?.self].sort(), [false, true]);
        const [leader, standby, standbyStatus] = s1.lease?.self ? [one, two, s2] : [two, one, s1];
        assert.equal(standbyStatus.state, 'standby');
        await eventually('the leader caught up', async () => (await pollerOf(leader).status()).lagSeconds === 0);
        await leader.shutdown();
        // Newer than the leader's checkpoint minus the 30 s overlap, so the standby's first query returns them.
        const late = addRecentTraces(api, 3, 300, Date.now() - 20_000, 5_000);
        await eventually('the standby took over', async () => (await pollerOf(standby).status()).lease?.self === true);
        await eventually('the late traces delivered', () => late.every((t) => sink.traceIds().has(t.otelTraceId)));
        for (const [id, n] of sink.spanCounts()) assert.equal(n, 1, `span ${id} delivered ${n} times`);
      } finally {
        await one.shutdown();
        await two.shutdown();
      }
    });
  });
});
