import { Cluster, Redis } from 'ioredis';
import { PipelineError } from '../../errors.js';
import type { IdCache } from './idCache.js';

export interface RedisIdCacheOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`); with `cluster`, any node of the cluster. */
  url: string;
  /** Prefix of every key; the id itself is the key's `{hashtag}`. Default `spanbridge:xray:traceid:`. */
  keyPrefix?: string;
  /** Connect with Redis Cluster client semantics (MOVED/ASK redirects). */
  cluster?: boolean;
  /** How long one command may take before the export counts as failed and is retried. Default 2,000 ms. */
  commandTimeoutMillis?: number;
}

/**
 * Get, or set when missing, and renew the TTL, in one atomic step (a Lua script touches only KEYS[1], so it runs in
 * Redis Cluster on the key's node). Same semantics as the script of the `traceid` processor in
 * iamsouravin/opentelemetry-collector-contrib (branch awsrayprocessors), with PX instead of seconds and a renewed TTL
 * on hits.
 */
const GET_OR_SET = `
local v = redis.call('GET', KEYS[1])
if v then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return v
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`;

type WithScript = { xrayIdGetOrSet(key: string, proposed: string, ttlMillis: number): Promise<string> };

/**
 * The `redis` backend, which many exporter instances share so they agree on a trace's id. Keys are `<prefix>{<original
 * id>}`, so each key hashes by the id alone, which spreads keys over a cluster's slots. Connects on first use. A failed
 * command is a retryable SB_EXPORT_FAILED, so the exporter retries the batch instead of splitting a trace.
 */
export function createRedisIdCache(options: RedisIdCacheOptions): IdCache {
  const prefix = options.keyPrefix ?? 'spanbridge:xray:traceid:';
  const common = { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: options.commandTimeoutMillis ?? 2000 };
  let client: Redis | Cluster;
  if (options.cluster === true) {
    const u = new URL(options.url);
    client = new Cluster([{ host: u.hostname, port: Number(u.port || 6379) }], { lazyConnect: true, redisOptions: { ...common, ...(u.password ? { password: decodeURIComponent(u.password) } : {}) } });
  } else client = new Redis(options.url, common);
  client.defineCommand('xrayIdGetOrSet', { numberOfKeys: 1, lua: GET_OR_SET });
  client.on('error', () => {
    // Connection errors surface as failed commands below; without a listener ioredis would print each one.
  });
  return {
    async getOrSet(originalId, proposed, ttlMillis) {
      try {
        const v = await (client as unknown as WithScript).xrayIdGetOrSet(`${prefix}{${originalId}}`, proposed, Math.max(1, Math.round(ttlMillis)));
        return String(v);
      } catch (err) {
        throw new PipelineError('SB_EXPORT_FAILED', `trace id cache (redis): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    },
    async close() {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
