import { Redis } from 'ioredis';
import { LeaseLostError, type Lease, type LeaseInfo, type PollerCheckpoint, type PollerStateStore } from './pollerStateStore.js';

export interface RedisPollerStateStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`). */
  url: string;
  /** Names this poller group's keys; replicas that share a checkpoint and a lease use the same key. */
  key: string;
  /** How long one command may take. Default 5,000 ms. */
  commandTimeoutMillis?: number;
}

// Every key carries the same {hashtag}, so the scripts' keys sit in one Redis Cluster slot. The lease value is
// `<holder>#<token>`; the token comes from INCR on a counter, so it grows with each new holder (the fencing token).
// Acquiring is SET NX PX in the same script as the INCR, so a failed attempt does not burn a token.
const ACQUIRE = `
local cur = redis.call('GET', KEYS[1])
if cur then
  if string.sub(cur, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '#' then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return cur
  end
  return false
end
local token = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. '#' .. token
redis.call('SET', KEYS[1], value, 'NX', 'PX', ARGV[2])
return value
`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
// KEYS: lease, seen. ARGV: lease value, window end, ids...
const RECORD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 3, #ARGV do redis.call('ZADD', KEYS[2], ARGV[2], ARGV[i]) end
return 1
`;
// KEYS: lease, done, seen. ARGV: lease value, done until, prune before, max seen.
const ADVANCE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[3])
local n = redis.call('ZCARD', KEYS[3])
local max = tonumber(ARGV[4])
if n > max then redis.call('ZREMRANGEBYRANK', KEYS[3], 0, n - max - 1) end
return 1
`;

interface Scripts {
  pollerAcquire(lease: string, fence: string, holder: string, ttl: number): Promise<string | null>;
  pollerRenew(lease: string, value: string, ttl: number): Promise<number>;
  pollerRelease(lease: string, value: string): Promise<number>;
  pollerRecord(lease: string, seen: string, value: string, windowEnd: number, ...ids: string[]): Promise<number>;
  pollerAdvance(lease: string, done: string, seen: string, value: string, doneUntil: number, pruneBefore: number, maxSeen: number): Promise<number>;
}

function leaseValue(lease: Lease): string {
  return `${lease.holder}#${lease.token}`;
}

function parseLeaseValue(value: string): Lease {
  const i = value.lastIndexOf('#');
  return { holder: value.slice(0, i), token: Number(value.slice(i + 1)) };
}

/**
 * The `redis` backend: the lease is a key set with NX PX (expiring on Redis's clock) whose value carries a fencing
 * token; checkpoint writes are Lua scripts that first compare the lease value, so a holder whose lease expired and was
 * taken cannot overwrite the new holder's checkpoint. Seen ids are a sorted set scored by window end.
 */
export function createRedisPollerStateStore(options: RedisPollerStateStoreOptions): PollerStateStore {
  const tag = `{spanbridge:xray-poller:${options.key}}`;
  const keys = { lease: `${tag}:lease`, fence: `${tag}:fence`, done: `${tag}:done`, seen: `${tag}:seen` };
  const client = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: options.commandTimeoutMillis ?? 5000 });
  client.on('error', () => {
    // Connection errors surface as failed commands, which the poller counts and retries.
  });
  client.defineCommand('pollerAcquire', { numberOfKeys: 2, lua: ACQUIRE });
  client.defineCommand('pollerRenew', { numberOfKeys: 1, lua: RENEW });
  client.defineCommand('pollerRelease', { numberOfKeys: 1, lua: RELEASE });
  client.defineCommand('pollerRecord', { numberOfKeys: 2, lua: RECORD });
  client.defineCommand('pollerAdvance', { numberOfKeys: 3, lua: ADVANCE });
  const scripts = client as unknown as Scripts;
  const fenced = (ok: number, lease: Lease): void => {
    if (ok !== 1) throw new LeaseLostError(`poller lease ${options.key}: no longer held by ${lease.holder} (token ${lease.token})`);
  };

  return {
    async acquireLease(holder, ttlMillis) {
      const value = await scripts.pollerAcquire(keys.lease, keys.fence, holder, Math.max(1, Math.round(ttlMillis)));
      return value === null ? undefined : parseLeaseValue(value);
    },
    async renewLease(lease, ttlMillis) {
      return (await scripts.pollerRenew(keys.lease, leaseValue(lease), Math.max(1, Math.round(ttlMillis)))) === 1;
    },
    async releaseLease(lease) {
      await scripts.pollerRelease(keys.lease, leaseValue(lease));
    },
    async leaseInfo(): Promise<LeaseInfo | undefined> {
      const [value, ttl] = await Promise.all([client.get(keys.lease), client.pttl(keys.lease)]);
      if (value === null || ttl < 0) return undefined;
      return { ...parseLeaseValue(value), expiresAtMillis: Date.now() + ttl };
    },
    async loadCheckpoint(): Promise<PollerCheckpoint | undefined> {
      const done = await client.get(keys.done);
      if (done === null) return undefined;
      const flat = await client.zrange(keys.seen, 0, -1, 'WITHSCORES');
      const seen = new Map<string, number>();
      for (let i = 0; i + 1 < flat.length; i += 2) seen.set(flat[i] as string, Number(flat[i + 1]));
      return { doneUntilMillis: Number(done), seen };
    },
    async recordDelivered(lease, traceIds, windowEndMillis) {
      fenced(await scripts.pollerRecord(keys.lease, keys.seen, leaseValue(lease), windowEndMillis, ...traceIds), lease);
    },
    async advance(lease, o) {
      fenced(await scripts.pollerAdvance(keys.lease, keys.done, keys.seen, leaseValue(lease), o.doneUntilMillis, o.pruneBeforeMillis, o.maxSeen), lease);
    },
    async close() {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
