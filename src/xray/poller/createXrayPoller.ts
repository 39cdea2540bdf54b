import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { XRayClient } from '@aws-sdk/client-xray';
import type { Logger } from 'pino';
import type { Consumer } from '../../pipeline/component.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { classifyXrayError, describeXrayError } from './classifyXrayError.js';
import { planWindow, type PollWindow } from './planWindow.js';
import type { PollerContext } from './pollerContext.js';
import { createPollerMetrics } from './pollerMetrics.js';
import type { PollerSettings } from './pollerSettings.js';
import { LeaseLostError, type PollerStateStore } from './pollerStateStore.js';
import { zeroCounts, type PollerState, type PollerStatus, type PollerWindowStatus } from './pollerStatus.js';
import { pollWindow, type HeldCheckpoint } from './pollWindow.js';
import { abortableSleep, backoffDelayMillis } from './retryWithBackoff.js';

export interface XrayPollerOptions {
  /** The receiver id (telemetry label). */
  id: string;
  client: XRayClient;
  store: PollerStateStore;
  next: Consumer;
  telemetry: Telemetry;
  logger: Logger;
  settings: PollerSettings;
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

interface Leadership extends HeldCheckpoint {
  readonly controller: AbortController;
  readonly renewer: NodeJS.Timeout;
  lastRenewedAt: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const windowStatus = (w: PollWindow): PollerWindowStatus => ({ start: iso(w.start), end: iso(w.end), queryStart: iso(w.queryStart) });

/**
 * The `awsxray_poller` engine (issue 4 item 5; specs/xray.md section 8.1, fixing dtPaTh's gaps and repeats of section
 * 7.2): one replica at a time holds a lease and reads consecutive windows from its durable checkpoint; the others
 * wait in standby and take over when the lease is released or expires.
 */
export function createXrayPoller(o: XrayPollerOptions): XrayPoller {
  const now = o.now ?? Date.now;
  const s = o.settings;
  const holderId = o.holderId ?? `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const metrics = createPollerMetrics(o.telemetry.registry, o.id);
  const counts = zeroCounts();
  let state: PollerState = 'stopped';
  let lastError: PollerStatus['lastError'] = null;
  let currentWindow: PollWindow | undefined;
  let lastWindow: (PollWindow & { completedAt: number }) | undefined;
  let lagSeconds: number | null = null;
  let held: Leadership | undefined;
  let loop: { controller: AbortController; done: Promise<void> } | undefined;
  let renewing = false;

  const noteError = (message: string) => {
    lastError = { message, at: iso(now()) };
  };
  const ctx: PollerContext = { id: o.id, client: o.client, next: o.next, telemetry: o.telemetry, metrics, logger: o.logger, settings: s, counts, random: o.random ?? Math.random, noteError };

  const loseLease = (reason: string) => {
    const h = held;
    if (h === undefined) return;
    clearInterval(h.renewer);
    held = undefined;
    counts.leaseLost++;
    metrics.leader(false);
    noteError(reason);
    o.logger.warn({ receiver: o.id, holder: holderId, reason }, 'X-Ray poller lost its lease');
    h.controller.abort(new LeaseLostError(reason));
  };

  const renew = (h: Leadership) => {
    if (renewing) return;
    renewing = true;
    o.store
      .renewLease(h.lease, s.leaseTtlMillis)
      .then(
        (ok) => {
          if (ok) h.lastRenewedAt = now();
          else loseLease('the lease was taken by another replica');
        },
        (err: unknown) => {
          counts.errors++;
          noteError(`lease renewal: ${err instanceof Error ? err.message : String(err)}`);
          if (now() - h.lastRenewedAt >= s.leaseTtlMillis) loseLease('the lease could not be renewed within its ttl');
        },
      )
      .finally(() => {
        renewing = false;
      });
  };

  const lead = async (): Promise<Leadership | undefined> => {
    if (held !== undefined) return held;
    const lease = await o.store.acquireLease(holderId, s.leaseTtlMillis);
    if (lease === undefined) return undefined;
    const checkpoint = await o.store.loadCheckpoint();
    let doneUntil = checkpoint?.doneUntilMillis;
    if (doneUntil === undefined) {
      // A first start is written down at once, so a restart before the first window finishes starts at the same point.
      doneUntil = now() - s.maxReplayMillis;
      await o.store.advance(lease, { doneUntilMillis: doneUntil, pruneBeforeMillis: 0, maxSeen: s.maxSeenTraceIds });
    }
    const h: Leadership = {
      lease,
      store: o.store,
      doneUntilMillis: doneUntil,
      seen: checkpoint?.seen ?? new Map(),
      controller: new AbortController(),
      renewer: setInterval(() => renew(h), Math.max(10, Math.floor(s.leaseTtlMillis / 3))).unref(),
      lastRenewedAt: now(),
    };
    held = h;
    metrics.leader(true);
    o.logger.info({ receiver: o.id, holder: holderId, token: lease.token, doneUntil: iso(doneUntil) }, 'X-Ray poller holds the lease');
    return h;
  };

  /** Lag is 0 once no window is left to read, else how far the checkpoint trails now minus the settle delay. */
  const updateLag = (doneUntil: number, current: boolean) => {
    lagSeconds = current ? 0 : Math.max(0, (now() - s.settleDelayMillis - doneUntil) / 1000);
    metrics.lagSeconds(lagSeconds);
  };

  const runOnce = async (outer: AbortSignal = new AbortController().signal): Promise<boolean> => {
    const h = await lead();
    if (h === undefined) {
      state = 'standby';
      return false;
    }
    state = 'polling';
    const signal = AbortSignal.any([outer, h.controller.signal]);
    try {
      // Full windows until one is cut short by now - settle delay: that one makes the poller current until the next
      // turn (reading on at once would chase the clock in ever smaller windows).
      for (let current = false; !current; ) {
        signal.throwIfAborted();
        const w = planWindow(h.doneUntilMillis, now(), s);
        current = w === undefined || w.end - w.start < s.windowMillis;
        if (w !== undefined) {
          updateLag(h.doneUntilMillis, false);
          currentWindow = w;
          await pollWindow(ctx, w, h, signal);
          currentWindow = undefined;
          lastWindow = { ...w, completedAt: now() };
        }
        if (current) updateLag(h.doneUntilMillis, true);
      }
    } catch (err) {
      if (err instanceof LeaseLostError) loseLease(err.message);
      throw err;
    } finally {
      state = held === undefined ? 'standby' : 'idle';
    }
    return true;
  };

  const run = async (signal: AbortSignal) => {
    let failures = 0;
    while (!signal.aborted) {
      let waitMillis = s.pollingIntervalMillis;
      try {
        if (!(await runOnce(signal))) waitMillis = Math.min(s.pollingIntervalMillis, Math.max(10, Math.floor(s.leaseTtlMillis / 2)));
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        if (err instanceof LeaseLostError) waitMillis = 0;
        else if (classifyXrayError(err) !== 'permanent' || !isSdkError(err)) {
          // A store or network failure: try again soon, backing off while it lasts.
          counts.errors++;
          noteError(err instanceof Error ? err.message : String(err));
          waitMillis = backoffDelayMillis(failures++, s.backoff, ctx.random);
        } else {
          noteError(describeXrayError(err));
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
      state = 'standby';
      loop = { controller, done: run(controller.signal) };
    },
    async stop() {
      const l = loop;
      if (l !== undefined) {
        l.controller.abort(new Error('the X-Ray poller was stopped'));
        await l.done;
        loop = undefined;
      }
      const h = held;
      if (h !== undefined) {
        clearInterval(h.renewer);
        held = undefined;
        metrics.leader(false);
        await o.store.releaseLease(h.lease).catch((err: unknown) => noteError(`lease release: ${err instanceof Error ? err.message : String(err)}`));
      }
      state = 'stopped';
      currentWindow = undefined;
    },
    runOnce,
    async status(): Promise<PollerStatus> {
      const info = await o.store.leaseInfo().catch(() => undefined);
      return {
        state,
        holderId,
        lease: info ? { holder: info.holder, token: info.token, expiresAt: iso(info.expiresAtMillis), self: info.holder === holderId && held !== undefined } : null,
        checkpoint: held ? iso(held.doneUntilMillis) : null,
        currentWindow: currentWindow ? windowStatus(currentWindow) : null,
        lastWindow: lastWindow ? { ...windowStatus(lastWindow), completedAt: iso(lastWindow.completedAt) } : null,
        lagSeconds,
        counts: { ...counts },
        lastError,
      };
    },
  };
}

function isSdkError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && '$metadata' in err;
}
