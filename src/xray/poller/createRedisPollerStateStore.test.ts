import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { redisUnavailable, startRedisServer, type RunningRedis } from '../../../test/xray/idcache/startRedisServer.js';
import { createRedisPollerStateStore } from './createRedisPollerStateStore.js';
import { pollerStateStoreConformance } from '../../../test/xray/poller/pollerStateStoreConformance.js';

const missing = redisUnavailable();

describe('createRedisPollerStateStore', { skip: process.env.CI !== 'true' && missing !== undefined ? missing : false }, () => {
  let redis: RunningRedis | undefined;
  before(async () => {
    assert.equal(missing, undefined, missing);
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
  });
  pollerStateStoreConformance('redis', () => ({
    open: (key) => createRedisPollerStateStore({ url: (redis as RunningRedis).url, key }),
    pass: (millis) => sleep(millis + 50),
  }));

  void test('a store whose Redis is down fails its calls instead of hanging', async () => {
    const store = createRedisPollerStateStore({ url: 'redis://127.0.0.1:1', key: 'down', commandTimeoutMillis: 500 });
    try {
      await assert.rejects(store.acquireLease('A', 1000));
    } finally {
      await store.close();
    }
  });
});
