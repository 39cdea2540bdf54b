import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LeaseLostError, type Lease, type LeaseInfo, type PollerCheckpoint, type PollerStateStore } from './pollerStateStore.js';

export interface SqlitePollerStateStoreOptions {
  /** Database file (created with its folder), or `:memory:` (tests; not shared between connections). */
  path: string;
  /** Names this poller group's rows; replicas that share a checkpoint and a lease use the same key. */
  key: string;
  /** Clock for lease expiry (Unix ms). */
  now?: () => number;
  /** How long a write waits for another connection's lock (better-sqlite3 `timeout`). Default 5,000 ms. */
  busyTimeoutMillis?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS xray_poller_lease (
  key TEXT PRIMARY KEY, holder TEXT NOT NULL, token INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS xray_poller_checkpoint (
  key TEXT PRIMARY KEY, done_until_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS xray_poller_seen (
  key TEXT NOT NULL, trace_id TEXT NOT NULL, window_end_ms INTEGER NOT NULL, PRIMARY KEY (key, trace_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS xray_poller_seen_by_window ON xray_poller_seen (key, window_end_ms);
`;

interface LeaseRow {
  holder: string;
  token: number;
  expires_at_ms: number;
}

/**
 * The `sqlite` backend: a lease row with an expiry and a token that grows with each new holder, checked inside the
 * same IMMEDIATE transaction as every checkpoint write (the fence). Several processes may share the file (WAL).
 */
export function createSqlitePollerStateStore(options: SqlitePollerStateStoreOptions): PollerStateStore {
  const now = options.now ?? Date.now;
  const key = options.key;
  if (options.path !== ':memory:') mkdirSync(dirname(resolve(options.path)), { recursive: true });
  const db = new Database(options.path, { timeout: options.busyTimeoutMillis ?? 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);

  const getLease = db.prepare('SELECT holder, token, expires_at_ms FROM xray_poller_lease WHERE key = ?');
  const putLease = db.prepare('INSERT OR REPLACE INTO xray_poller_lease (key, holder, token, expires_at_ms) VALUES (?, ?, ?, ?)');
  const extendLease = db.prepare('UPDATE xray_poller_lease SET expires_at_ms = ? WHERE key = ? AND holder = ? AND token = ? AND expires_at_ms > 0');
  const getDone = db.prepare('SELECT done_until_ms FROM xray_poller_checkpoint WHERE key = ?').pluck();
  const putDone = db.prepare('INSERT OR REPLACE INTO xray_poller_checkpoint (key, done_until_ms, updated_at_ms) VALUES (?, ?, ?)');
  const allSeen = db.prepare('SELECT trace_id, window_end_ms FROM xray_poller_seen WHERE key = ? ORDER BY window_end_ms, trace_id').raw();
  const putSeen = db.prepare('INSERT OR REPLACE INTO xray_poller_seen (key, trace_id, window_end_ms) VALUES (?, ?, ?)');
  const pruneSeen = db.prepare('DELETE FROM xray_poller_seen WHERE key = ? AND window_end_ms < ?');
  const capSeen = db.prepare(
    'DELETE FROM xray_poller_seen WHERE key = ? AND trace_id IN (SELECT trace_id FROM xray_poller_seen WHERE key = ? ORDER BY window_end_ms DESC, trace_id DESC LIMIT -1 OFFSET ?)',
  );

  const fence = (lease: Lease): void => {
    const row = getLease.get(key) as LeaseRow | undefined;
    if (row === undefined || row.holder !== lease.holder || row.token !== lease.token || row.expires_at_ms === 0) {
      throw new LeaseLostError(`poller lease ${key}: held by ${row ? `${row.holder} (token ${row.token})` : 'nobody'}, not ${lease.holder} (token ${lease.token})`);
    }
  };

  const acquire = db.transaction((holder: string, ttlMillis: number): Lease | undefined => {
    const t = now();
    const row = getLease.get(key) as LeaseRow | undefined;
    if (row !== undefined && row.holder === holder && row.expires_at_ms > t) {
      putLease.run(key, holder, row.token, t + ttlMillis);
      return { holder, token: row.token };
    }
    if (row !== undefined && row.expires_at_ms > t) return undefined;
    const token = (row?.token ?? 0) + 1;
    putLease.run(key, holder, token, t + ttlMillis);
    return { holder, token };
  });
  const record = db.transaction((lease: Lease, ids: readonly string[], windowEnd: number) => {
    fence(lease);
    for (const id of ids) putSeen.run(key, id, windowEnd);
  });
  const advance = db.transaction((lease: Lease, doneUntil: number, pruneBefore: number, maxSeen: number) => {
    fence(lease);
    putDone.run(key, doneUntil, now());
    pruneSeen.run(key, pruneBefore);
    capSeen.run(key, key, maxSeen);
  });
  const release = db.transaction((lease: Lease) => {
    const row = getLease.get(key) as LeaseRow | undefined;
    if (row !== undefined && row.holder === lease.holder && row.token === lease.token) putLease.run(key, lease.holder, lease.token, 0);
  });

  return {
    async acquireLease(holder, ttlMillis) {
      return acquire.immediate(holder, ttlMillis);
    },
    async renewLease(lease, ttlMillis) {
      const t = now();
      const row = getLease.get(key) as LeaseRow | undefined;
      // An expired lease that nobody took yet is still ours: the token did not change, so no write was fenced out.
      if (row === undefined || row.holder !== lease.holder || row.token !== lease.token) return false;
      return extendLease.run(t + ttlMillis, key, lease.holder, lease.token).changes === 1;
    },
    async releaseLease(lease) {
      release.immediate(lease);
    },
    async leaseInfo(): Promise<LeaseInfo | undefined> {
      const row = getLease.get(key) as LeaseRow | undefined;
      if (row === undefined || row.expires_at_ms === 0) return undefined;
      return { holder: row.holder, token: row.token, expiresAtMillis: row.expires_at_ms };
    },
    async loadCheckpoint(): Promise<PollerCheckpoint | undefined> {
      const done = getDone.get(key) as number | undefined;
      if (done === undefined) return undefined;
      const seen = new Map<string, number>();
      for (const [id, end] of allSeen.all(key) as Array<[string, number]>) seen.set(id, end);
      return { doneUntilMillis: done, seen };
    },
    async recordDelivered(lease, traceIds, windowEndMillis) {
      record.immediate(lease, traceIds, windowEndMillis);
    },
    async advance(lease, o) {
      advance.immediate(lease, o.doneUntilMillis, o.pruneBeforeMillis, o.maxSeen);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
