import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { captureLog } from '../../../test/support/captureLog.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { createRedisPollerStateStore } from '../../xray/poller/createRedisPollerStateStore.js';
import { createSqlitePollerStateStore } from '../../xray/poller/createSqlitePollerStateStore.js';
import type { PollerStateStore } from '../../xray/poller/pollerStateStore.js';
import type { PollerStatus } from '../../xray/poller/status.js';
import { redisUnavailable, startRedisServer, type RunningRedis } from '../../../test/xray/idcache/startRedisServer.js';
import { withSchemaDefaults } from '../../../test/receivers/otlp/startTestReceiver.js';
import { makeXrayTrace, type MadeXrayTrace } from '../../../test/xray/poller/makeXrayTrace.js';
import { createSink, eventually } from '../../../test/xray/poller/pollerHarness.js';
import { startFakeXrayApi, type FakeXrayApi } from '../../../test/xray/poller/startFakeXrayApi.js';
import type { AwsXrayPollerConfig } from './config.js';
import { awsxrayPollerFactory } from './factory.js';
import type { AwsXrayPollerReceiver } from './awsxrayPollerReceiver.js';

const logger = pino({ level: 'silent' });
const OVERLAP_MILLIS = 30_000;

type Checkpoint = AwsXrayPollerConfig['checkpoint'];

function configFor(api: FakeXrayApi, checkpoint: Partial<Checkpoint>, extra: Record<string, unknown> = {}): AwsXrayPollerConfig {
  return withSchemaDefaults<AwsXrayPollerConfig>(awsxrayPollerFactory.configSchema, {
    region: 'us-west-2',
    endpoint: api.endpoint,
    aws_access_key_id: 'AKIDTEST',
    aws_secret_access_key: 'secret',
    polling_interval: '50ms',
    window: '5m',
    settle_delay: '0s',
    overlap: `${OVERLAP_MILLIS}ms`,
    max_replay: '30m',
    backoff: { initial_interval: '1ms', max_interval: '10ms' },
    checkpoint,
    ...extra,
  });
}

function addTraces(api: FakeXrayApi, firstSeq: number, startMillis: readonly number[]): MadeXrayTrace[] {
  return startMillis.map((ms, i) => {
    const t = makeXrayTrace(firstSeq + i, ms);
    api.addTrace(t.documents);
    return t;
  });
}

const statusOf = (r: AwsXrayPollerReceiver): Promise<PollerStatus> => (r.poller as NonNullable<AwsXrayPollerReceiver['poller']>).status();

/**
 * The cases, for a backend: `checkpoint` is the receiver's config section; `legacy(key)` opens a state store on the
 * same database the way the version before source keys did (the key was the group alone).
 */
function registerCases(backend: string, checkpoint: () => Partial<Checkpoint>, legacy: (key: string) => PollerStateStore): void {
  test(`${backend}: pollers of different sources share one database, each with its own checkpoint and lease`, async () => {
    const [east, west] = [await startFakeXrayApi(), await startFakeXrayApi()];
    const base = Date.now() - 10 * 60_000;
    const eastTraces = addTraces(east, 100, [base, base + 1000]);
    const westTraces = addTraces(west, 200, [base + 2000, base + 3000]);
    const telemetry = createTelemetry();
    const sink = createSink();
    // The same receiver id, so the same group: before keys named the source, one of them stood by for ever.
    const receivers = [east, west].map((api) => awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller', logger, telemetry }, configFor(api, checkpoint()), sink) as AwsXrayPollerReceiver);
    try {
      for (const r of receivers) await r.start({ logger, telemetry });
      await eventually('both sources delivered', () => [...eastTraces, ...westTraces].every((t) => sink.traceIds().has(t.otelTraceId)));
      const statuses = await Promise.all(receivers.map(statusOf));
      assert.deepEqual(statuses.map((s) => s.lease?.self), [true, true]);
      assert.deepEqual(statuses.map((s) => s.lease?.token), [1, 1], 'two leases, each taken once');
      for (const [id, n] of sink.spanCounts()) assert.equal(n, 1, `span ${id} delivered ${n} times`);
    } finally {
      for (const r of receivers) await r.shutdown();
      await east.close();
      await west.close();
    }
  });

  test(`${backend}: the checkpoint under the old key is migrated once the old version's lease is free, so nothing is read again`, async () => {
    const api = await startFakeXrayApi();
    api.summariesPageSize = 100;
    const group = `upgrade-${backend}`;
    const doneUntil = Date.now() - 10 * 60_000;
    const [beforeOverlap, inOverlap] = addTraces(api, 300, [doneUntil - 5 * 60_000, doneUntil - 10_000]) as [MadeXrayTrace, MadeXrayTrace];
    const later = addTraces(api, 310, [doneUntil + 60_000, doneUntil + 120_000]);
    // What the previous version left: its checkpoint, a trace of the overlap it delivered, and (still running) its lease.
    const old = legacy(group);
    const oldLease = await old.acquireLease('previous-version', 60_000);
    assert.ok(oldLease);
    await old.advance(oldLease, { doneUntilMillis: doneUntil, pruneBeforeMillis: 0, maxSeen: 1000 });
    await old.recordDelivered(oldLease, [inOverlap.traceId], doneUntil);

    const telemetry = createTelemetry();
    const sink = createSink();
    const log = captureLog();
    const receiver = awsxrayPollerFactory.createReceiver({ id: 'awsxray_poller', logger: log.logger, telemetry }, configFor(api, { ...checkpoint(), key: group }), sink) as AwsXrayPollerReceiver;
    try {
      await receiver.start({ logger: log.logger, telemetry });
      await eventually('the poller stands by while the previous version holds its lease', () => log.records().some((r) => r.msg.startsWith('X-Ray poller stands by while a replica of the version before')));
      assert.equal((await statusOf(receiver)).state, 'standby');
      assert.equal(api.requests.length, 0, 'nothing read while the previous version polls');
      await old.releaseLease(oldLease);
      await eventually('the traces after the checkpoint delivered', () => later.every((t) => sink.traceIds().has(t.otelTraceId)));
      const firstQuery = api.requests.find((r) => r.route === '/TraceSummaries');
      assert.equal(firstQuery?.body.StartTime, (doneUntil - OVERLAP_MILLIS) / 1000, 'resumed at the old checkpoint');
      assert.deepEqual(api.fetchedTraceIds().sort(), later.map((t) => t.traceId).sort(), 'the overlap trace delivered before the upgrade was not fetched again');
      assert.equal(sink.traceIds().has(beforeOverlap.otelTraceId), false);
      assert.equal((await old.loadCheckpoint())?.doneUntilMillis, doneUntil, 'the old checkpoint is left as it was');
      assert.ok(log.records().some((r) => r.msg.startsWith('X-Ray poller migrated the checkpoint') && r.seen === 1));
    } finally {
      await receiver.shutdown();
      await old.close();
      await api.close();
    }
  });
}

describe('awsxray_poller checkpoints keyed by region, endpoint and filter expression', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'spanbridge-poller-keys-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const path = () => join(dir, 'shared.db');
  registerCases('sqlite', () => ({ sqlite: { path: path() } }), (key) => createSqlitePollerStateStore({ path: path(), key }));

  const missing = redisUnavailable();
  describe('with Redis', { skip: process.env.CI !== 'true' && missing !== undefined ? missing : false }, () => {
    let redis: RunningRedis | undefined;
    before(async () => {
      assert.equal(missing, undefined, missing);
      redis = await startRedisServer();
    });
    after(async () => {
      await redis?.stop();
    });
    const url = () => (redis as RunningRedis).url;
    registerCases('redis', () => ({ backend: 'redis', redis: { url: url() } }), (key) => createRedisPollerStateStore({ url: url(), key }));
  });
});
