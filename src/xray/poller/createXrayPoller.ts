import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { XRayClient } from '@aws-sdk/client-xray';
import type { Logger } from 'pino';
import type { Consumer } from '../../pipeline/component.js';
import { abortableSleep, backoffMillis } from '../../pipeline/retry.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { classifyXrayError, describeXrayError } from '../classifyXrayError.js';
import { createPollerLease } from './lease.js';
import { pollUntilCurrent, type PollerContext } from './pollLoop.js';
import type { PollerSettings } from './pollerSettings.js';
import { LeaseLostError, type PollerStateStore } from './pollerStateStore.js';
import { createPollerStatusTracker, type PollerStatus } from './status.js';

export interface XrayPollerOptions {
  /** The receiver id (telemetry label). */
  id: string;
  client: XRayClient;
  store: PollerStateStore;
  next: Consumer;
  telemetry: Telemetry;
  logger: Logger;
  settings: PollerSettings;
  /**
   * A state store under the key an earlier version used (the group alone): its checkpoint is migrated, and its live
   * lease waited for, before this poller first polls (legacyCheckpoint.ts). Closed once that is done; closing it again
   * is harmless, so its opener closes it at shutdown too.
   */
  legacyStore?: PollerStateStore;
  /** This replica's lease holder id. Default `<hostname>/<pid>/<random>`. */
  holderId?: string;
  now?: () => number;
  random?: () => number;
}

export interface XrayPoller {
  readonly holderId: string;
  /** Starts the polling loop (no-op when it runs). */
  start(): void;
  /**
   * Ends the loop: an X-Ray call in flight is aborted, a batch the pipeline is taking is waited for and recorded, and
   * the lease is released so a standby replica takes over at once. Resolves when done.
   */
  stop(): Promise<void>;
  /**
   * One turn of the loop: take (or keep) the lease, then read windows until current. False when another replica holds
   * the lease. Throws when a window fails for good (it is read again on the next turn). For tests and the loop.
   */
  runOnce(signal?: AbortSignal): Promise<boolean>;
  status(): Promise<PollerStatus>;
}

/**
 * The `awsxray_poller` engine: one replica at a time holds the lease (lease.ts) and reads consecutive windows from its
 * durable checkpoint (pollLoop.ts); the others wait in standby and take over when the lease is released or expires.
 * Between turns it waits `polling_interval`, or backs off while the store or the network fails.
 */
export function createXrayPoller(o: XrayPollerOptions): XrayPoller {
  const now = o.now ?? Date.now;
  const s = o.settings;
  const holderId = o.holderId ?? `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const status = createPollerStatusTracker({ registry: o.telemetry.registry, receiver: o.id, now, settleDelayMillis: s.settleDelayMillis });
  // Failed X-Ray calls, state-store calls and lease renewals share one limit.
  const failureLog = createRateLimitedLog(o.logger);
  const lease = createPollerLease({ id: o.id, holderId, store: o.store, settings: s, status, logger: o.logger, failureLog, now, ...(o.legacyStore ? { legacy: o.legacyStore } : {}) });
  const ctx: PollerContext = { id: o.id, client: o.client, next: o.next, telemetry: o.telemetry, logger: o.logger, failureLog, settings: s, status, now, random: o.random ?? Math.random };
  let loop: { controller: AbortController; done: Promise<void> } | undefined;

  const runOnce = async (outer: AbortSignal = new AbortController().signal): Promise<boolean> => {
    const held = await lease.acquire();
    if (held === undefined) {
      status.state = 'standby';
      return false;
    }
    status.state = 'polling';
    const signal = AbortSignal.any([outer, held.signal]);
    try {
      await pollUntilCurrent(ctx, held, signal);
    } catch (err) {
      if (err instanceof LeaseLostError) lease.lose(err.message);
      throw err;
    } finally {
      status.state = lease.held === undefined ? 'standby' : 'idle';
    }
    return true;
  };

  const run = async (signal: AbortSignal) => {
    let failures = 0;
    while (!signal.aborted) {
      let waitMillis = s.pollingIntervalMillis;
      try {
        // A standby tries again every min(polling interval, ttl / 2), so it notices an expired lease in time.
        if (!(await runOnce(signal))) waitMillis = Math.min(s.pollingIntervalMillis, Math.max(10, Math.floor(s.leaseTtlMillis / 2)));
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        if (err instanceof LeaseLostError) waitMillis = 0;
        else if (classifyXrayError(err).failure !== 'permanent' || !isSdkError(err)) {
          // A store or network failure: try again soon, backing off while it lasts.
          const error = isSdkError(err) ? describeXrayError(err) : err instanceof Error ? err.message : String(err);
          status.counts.errors++;
          status.noteError(error);
          waitMillis = backoffMillis(s.backoff, failures++, ctx.random);
          failureLog.warn({ receiver: o.id, error, retryInMillis: waitMillis }, 'X-Ray poller turn failed; trying again');
        } else {
          status.noteError(describeXrayError(err));
          o.logger.warn({ receiver: o.id, error: describeXrayError(err) }, 'X-Ray refused a poller request; trying again at the next interval');
        }
      }
      try {
        await abortableSleep(waitMillis, signal);
      } catch {
        break;
      }
    }
  };

  return {
    holderId,
    start() {
      if (loop !== undefined) return;
      const controller = new AbortController();
      status.state = 'standby';
      loop = { controller, done: run(controller.signal) };
    },
    async stop() {
      const l = loop;
      if (l !== undefined) {
        l.controller.abort(new Error('the X-Ray poller was stopped'));
        await l.done;
        loop = undefined;
      }
      await lease.release();
      status.stopped();
    },
    runOnce,
    async status(): Promise<PollerStatus> {
      const info = await o.store.leaseInfo().catch(() => undefined);
      return status.report(holderId, info, lease.held?.doneUntilMillis);
    },
  };
}

function isSdkError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && '$metadata' in err;
}
