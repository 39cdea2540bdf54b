// The lease that lets one replica poll at a time. The store keeps it with a fencing token that grows with each new
// holder, and checks it in the same atomic step as every checkpoint write, so a holder whose lease expired and was
// taken cannot move the new holder's checkpoint (it gets LeaseLostError and stands by). The holder renews it every
// third of its ttl; a standby takes it once it is released or expired.
import type { Logger } from 'pino';
import type { RateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import { legacyLeaseLive, migrateLegacyCheckpoint } from './legacyCheckpoint.js';
import type { PollerSettings } from './pollerSettings.js';
import { LeaseLostError, type Lease, type PollerStateStore } from './pollerStateStore.js';
import type { PollerStatusTracker } from './status.js';

/** The leader's view of the checkpoint while it holds the lease (it alone writes it). */
export interface HeldCheckpoint {
  readonly lease: Lease;
  readonly store: PollerStateStore;
  doneUntilMillis: number;
  /** Trace id -> end of the window that delivered it; mirrors the store's seen ids. */
  readonly seen: Map<string, number>;
}

/** A held lease: its checkpoint, and a signal that aborts once the lease is lost. */
export interface HeldLease extends HeldCheckpoint {
  readonly signal: AbortSignal;
}

export interface PollerLease {
  /** The lease while this poller holds it. */
  readonly held: HeldLease | undefined;
  /**
   * Takes the lease (or keeps the one held) and loads the checkpoint with it; undefined when another replica holds it.
   * A first start writes its starting point `now - maxReplay` at once, so a restart before the first window is done
   * starts at the same point.
   */
  acquire(): Promise<HeldLease | undefined>;
  /** Gives the lease up after it was taken or could not be renewed: work under it is aborted with LeaseLostError. */
  lose(reason: string): void;
  /** Frees the lease in the store so a standby takes over at once (on stop). */
  release(): Promise<void>;
}

export interface PollerLeaseOptions {
  /** The receiver id (log field). */
  id: string;
  holderId: string;
  store: PollerStateStore;
  settings: Pick<PollerSettings, 'leaseTtlMillis' | 'maxReplayMillis' | 'maxSeenTraceIds'>;
  status: PollerStatusTracker;
  logger: Logger;
  failureLog: RateLimitedLog;
  now: () => number;
  /**
   * The state store under the key of the version before checkpoints were keyed by source (legacyCheckpoint.ts): read
   * until this poller first holds its lease, then closed (its opener closes it too, in case that never happens).
   */
  legacy?: PollerStateStore;
}

interface Leadership extends HeldLease {
  readonly controller: AbortController;
  readonly renewer: NodeJS.Timeout;
  lastRenewedAt: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createPollerLease(o: PollerLeaseOptions): PollerLease {
  const { store, status, now } = o;
  const ttl = o.settings.leaseTtlMillis;
  let held: Leadership | undefined;
  let renewing = false;
  let legacy = o.legacy;
  let waitingForLegacy = false;
  const closeLegacy = async () => {
    const l = legacy;
    legacy = undefined;
    await l?.close().catch(() => undefined);
  };

  const lose = (reason: string) => {
    const h = held;
    if (h === undefined) return;
    clearInterval(h.renewer);
    held = undefined;
    status.counts.leaseLost++;
    status.metrics.leader(false);
    status.noteError(reason);
    o.logger.warn({ receiver: o.id, holder: o.holderId, reason }, 'X-Ray poller lost its lease');
    h.controller.abort(new LeaseLostError(reason));
  };

  // One renewal at a time; a failed one is tolerated until the ttl has passed since the last success.
  const renew = (h: Leadership) => {
    if (renewing) return;
    renewing = true;
    store
      .renewLease(h.lease, ttl)
      .then(
        (ok) => {
          if (ok) h.lastRenewedAt = now();
          else lose('the lease was taken by another replica');
        },
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          status.counts.errors++;
          status.noteError(`lease renewal: ${message}`);
          o.failureLog.warn({ receiver: o.id, error: message }, 'X-Ray poller could not renew its lease; trying again');
          if (now() - h.lastRenewedAt >= ttl) lose('the lease could not be renewed within its ttl');
        },
      )
      .finally(() => {
        renewing = false;
      });
  };

  return {
    get held() {
      return held;
    },
    async acquire() {
      if (held !== undefined) return held;
      if (legacy !== undefined && (await legacyLeaseLive(legacy, now()))) {
        if (!waitingForLegacy) o.logger.info({ receiver: o.id, holder: o.holderId }, 'X-Ray poller stands by while a replica of the version before checkpoints were keyed by region, endpoint and filter holds the lease');
        waitingForLegacy = true;
        return undefined;
      }
      const lease = await store.acquireLease(o.holderId, ttl);
      if (lease === undefined) return undefined;
      let checkpoint = await store.loadCheckpoint();
      if (checkpoint === undefined && legacy !== undefined) {
        checkpoint = await migrateLegacyCheckpoint(store, legacy, lease, o.settings.maxSeenTraceIds);
        if (checkpoint !== undefined) o.logger.info({ receiver: o.id, doneUntil: iso(checkpoint.doneUntilMillis), seen: checkpoint.seen.size }, 'X-Ray poller migrated the checkpoint of the version before checkpoints were keyed by region, endpoint and filter');
      }
      await closeLegacy();
      let doneUntil = checkpoint?.doneUntilMillis;
      if (doneUntil === undefined) {
        doneUntil = now() - o.settings.maxReplayMillis;
        await store.advance(lease, { doneUntilMillis: doneUntil, pruneBeforeMillis: 0, maxSeen: o.settings.maxSeenTraceIds });
      }
      const controller = new AbortController();
      const h: Leadership = {
        lease,
        store,
        doneUntilMillis: doneUntil,
        seen: checkpoint?.seen ?? new Map(),
        controller,
        signal: controller.signal,
        renewer: setInterval(() => renew(h), Math.max(10, Math.floor(ttl / 3))).unref(),
        lastRenewedAt: now(),
      };
      held = h;
      status.metrics.leader(true);
      o.logger.info({ receiver: o.id, holder: o.holderId, token: lease.token, doneUntil: iso(doneUntil) }, 'X-Ray poller holds the lease');
      return h;
    },
    lose,
    async release() {
      const h = held;
      if (h === undefined) return;
      clearInterval(h.renewer);
      held = undefined;
      status.metrics.leader(false);
      await store.releaseLease(h.lease).catch((err: unknown) => status.noteError(`lease release: ${err instanceof Error ? err.message : String(err)}`));
    },
  };
}
