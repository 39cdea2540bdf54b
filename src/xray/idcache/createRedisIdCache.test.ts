import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { isPermanent, PipelineError } from '../../errors.js';
import { createRedisIdCache } from './createRedisIdCache.js';
import { createTraceIdFixer } from './createTraceIdFixer.js';
import { idCacheConformance } from '../../../test/xray/idcache/idCacheConformance.js';
import { redisUnavailable, startRedisServer } from '../../../test/xray/idcache/startRedisServer.js';
import type { RunningRedis } from '../../../test/xray/idcache/startRedisServer.js';

const missing = redisUnavailable();
const inCi = process.env.CI === 'true';

describe('redis id cache (real redis-server)', { skip: missing !== undefined && !inCi ? missing : false }, () => {
  let redis: RunningRedis | undefined;
  let n = 0;
  before(async () => {
    assert.equal(missing, undefined, `CI needs redis-server: ${missing ?? ''}`);
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
  });
  const url = () => (redis as RunningRedis).url;

  describe('conformance', () => idCacheConformance(() => Promise.resolve(createRedisIdCache({ url: url(), keyPrefix: `conf${n++}:` }))));

  test('keys carry the original id as a {hashtag} and expire after the ttl', async () => {
    const cache = createRedisIdCache({ url: url(), keyPrefix: 'tag:' });
    const raw = new Redis(url());
    try {
      await cache.getOrSet('0123456789abcdef0123456789abcdef', '5f000000', 30_000);
      assert.equal(await raw.get('tag:{0123456789abcdef0123456789abcdef}'), '5f000000');
      const ttl = await raw.pttl('tag:{0123456789abcdef0123456789abcdef}');
      assert.ok(ttl > 0 && ttl <= 30_000, `pttl ${ttl}`);
    } finally {
      raw.disconnect();
      await cache.close();
    }
  });

  test('two fixers, each with its own connection to one redis, agree on rewritten ids under concurrency', async () => {
    const nowMillis = 1_700_000_000_000;
    const a = createRedisIdCache({ url: url(), keyPrefix: 'agree:' });
    const b = createRedisIdCache({ url: url(), keyPrefix: 'agree:' });
    const fixerA = createTraceIdFixer({ mode: 'fix_epoch', cache: a, now: () => nowMillis });
    const fixerB = createTraceIdFixer({ mode: 'fix_epoch', cache: b, now: () => nowMillis });
    try {
      const traceIds = Array.from({ length: 40 }, (_, i) => `${'00000000'}${i.toString(16).padStart(24, 'a')}`);
      const calls = traceIds.flatMap((id, i) => [
        fixerA.fix(id, BigInt(nowMillis - 1000 * i) * 1_000_000n),
        fixerB.fix(id, BigInt(nowMillis - 1000 * i - 500_000) * 1_000_000n),
      ]);
      const results = await Promise.all(calls);
      for (let i = 0; i < traceIds.length; i++) {
        const [ra, rb] = [results[2 * i], results[2 * i + 1]];
        assert.equal(ra?.xrayTraceId, rb?.xrayTraceId, `trace ${traceIds[i]}`);
        assert.equal(ra?.originalTraceId, traceIds[i]);
        assert.notEqual(ra?.xrayTraceId.slice(2, 10), '00000000');
        assert.equal(ra?.xrayTraceId.slice(11), traceIds[i]?.slice(8));
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('an unreachable redis is a retryable export failure', async () => {
    const stopped = await startRedisServer();
    await stopped.stop();
    const cache = createRedisIdCache({ url: stopped.url, commandTimeoutMillis: 500 });
    try {
      await assert.rejects(cache.getOrSet('a', 'b', 1000), (err: unknown) => err instanceof PipelineError && err.code === 'SB_EXPORT_FAILED' && !isPermanent(err));
    } finally {
      await cache.close();
    }
  });
});
