// Upgrading from a version that keyed the checkpoint and the lease by the poller group alone (checkpointKey.ts): the
// checkpoint under the old key is migrated, not read as a fallback. Once this poller first holds the lease under its
// new key, and finds no checkpoint there, it copies the old one (done-until and the seen trace ids) under the new key,
// fenced by that lease, so it resumes where the old version stopped instead of replaying `max_replay`. The old key is
// left as it was (a downgrade still finds it). While a replica of the old version still holds the old lease (a rolling
// upgrade), this one stands by, so the two never poll at once.
import type { Lease, PollerCheckpoint, PollerStateStore } from './pollerStateStore.js';

/** Seen ids copied per fenced write (one Redis script or SQLite transaction each). */
const COPY_CHUNK = 1000;

/** Whether a replica (of the version before the key change) holds a live lease under the old key. */
export async function legacyLeaseLive(legacy: PollerStateStore, nowMillis: number): Promise<boolean> {
  const info = await legacy.leaseInfo();
  return info !== undefined && info.expiresAtMillis > nowMillis;
}

/**
 * Copies the old key's checkpoint into `store` (whose key has none) under `lease`: the seen ids first, then
 * done-until, so that a crash in between leaves `store` still without a checkpoint and the next holder copies again.
 * Returns the checkpoint copied, or undefined when the old key has none.
 */
export async function migrateLegacyCheckpoint(store: PollerStateStore, legacy: PollerStateStore, lease: Lease, maxSeen: number): Promise<PollerCheckpoint | undefined> {
  const old = await legacy.loadCheckpoint();
  if (old === undefined) return undefined;
  const byWindowEnd = new Map<number, string[]>();
  for (const [id, end] of old.seen) {
    const ids = byWindowEnd.get(end);
    if (ids === undefined) byWindowEnd.set(end, [id]);
    else ids.push(id);
  }
  for (const [end, ids] of byWindowEnd) {
    for (let i = 0; i < ids.length; i += COPY_CHUNK) await store.recordDelivered(lease, ids.slice(i, i + COPY_CHUNK), end);
  }
  await store.advance(lease, { doneUntilMillis: old.doneUntilMillis, pruneBeforeMillis: 0, maxSeen });
  return old;
}
