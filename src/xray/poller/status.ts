// What the poller reports about itself: the status the admin route shows (state, windows, lag, counts, last error)
// and the Prometheus series beside the receiver counters every component reports.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { LeaseInfo } from './pollerStateStore.js';

/**
 * What the poller is doing: `stopped` (not started, or stopped by the admin route), `standby` (another replica holds the
 * lease), `polling` (holds the lease and is reading a window), `idle` (holds the lease, current, waiting for the next
 * tick).
 */
export type PollerState = 'stopped' | 'standby' | 'polling' | 'idle';

export interface PollerCounts {
  windows: number;
  summaryPages: number;
  /** Traces accepted downstream. */
  traces: number;
  spans: number;
  /** Trace ids skipped because an earlier (overlapping) query already delivered them. */
  duplicates: number;
  /** Trace ids a summary named that BatchGetTraces did not return (after retries of UnprocessedTraceIds). */
  missing: number;
  /** Segment documents the codec refused (SB_MALFORMED). */
  rejectedDocuments: number;
  /** Traces the pipeline refused for good (a permanent error); counted, not retried. */
  refusedTraces: number;
  throttled: number;
  /** Failed API calls other than throttling, and failed state-store calls. */
  errors: number;
  leaseLost: number;
}

export interface PollerWindowStatus {
  /** ISO-8601 times. */
  start: string;
  end: string;
  queryStart: string;
}

export interface PollerStatus {
  state: PollerState;
  /** This poller's lease holder id. */
  holderId: string;
  /** The lease as the state store has it (possibly another replica's). */
  lease: { holder: string; token: number; expiresAt: string; self: boolean } | null;
  /** Everything before this instant is done (from this poller's view while it holds the lease). */
  checkpoint: string | null;
  currentWindow: PollerWindowStatus | null;
  lastWindow: (PollerWindowStatus & { completedAt: string }) | null;
  /** How far the checkpoint is behind the newest time it may reach (now minus the settle delay); 0 when current. */
  lagSeconds: number | null;
  counts: PollerCounts;
  lastError: { message: string; at: string } | null;
}

/** The poller's own series. */
export interface PollerMetrics {
  apiCall(api: string, outcome: 'ok' | 'throttled' | 'error'): void;
  traces(outcome: 'delivered' | 'duplicate' | 'missing' | 'refused', n: number): void;
  window(): void;
  lagSeconds(seconds: number): void;
  leader(isLeader: boolean): void;
}

function counter(registry: Registry, name: string, help: string, labelNames: string[]): Counter {
  return (registry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge(registry: Registry, name: string, help: string, labelNames: string[]): Gauge {
  return (registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames, registers: [registry] });
}

/** Series shared by every poller of a registry, labelled by receiver id (several pollers may run in one service). */
export function createPollerMetrics(registry: Registry, receiver: string): PollerMetrics {
  const calls = counter(registry, 'spanbridge_xray_poller_api_calls_total', 'X-Ray API calls by the awsxray_poller, by API and outcome.', ['receiver', 'api', 'outcome']);
  const traces = counter(registry, 'spanbridge_xray_poller_traces_total', 'Trace ids the awsxray_poller handled, by outcome.', ['receiver', 'outcome']);
  const windows = counter(registry, 'spanbridge_xray_poller_windows_total', 'Time windows the awsxray_poller finished.', ['receiver']);
  const lag = gauge(registry, 'spanbridge_xray_poller_lag_seconds', 'How far the awsxray_poller checkpoint is behind now minus the settle delay.', ['receiver']);
  const leader = gauge(registry, 'spanbridge_xray_poller_leader', '1 while this awsxray_poller holds the lease.', ['receiver']);
  return {
    apiCall: (api, outcome) => calls.inc({ receiver, api, outcome }),
    traces: (outcome, n) => traces.inc({ receiver, outcome }, n),
    window: () => windows.inc({ receiver }),
    lagSeconds: (s) => lag.set({ receiver }, s),
    leader: (l) => leader.set({ receiver }, l ? 1 : 0),
  };
}

/** A window's bounds in Unix ms (a PollWindow). */
interface WindowBounds {
  start: number;
  end: number;
  queryStart: number;
}

/** The live status, updated by the lease and the loop as they go, and read by `XrayPoller.status()`. */
export interface PollerStatusTracker {
  readonly counts: PollerCounts;
  readonly metrics: PollerMetrics;
  state: PollerState;
  /** Records the latest failure for the status route. */
  noteError(message: string): void;
  /** Reading `w` begins; the checkpoint is still at `doneUntilMillis`, which sets the lag. */
  windowStarted(w: WindowBounds, doneUntilMillis: number): void;
  windowDone(w: WindowBounds): void;
  /** No window is left to read until the next turn: the lag is 0. */
  caughtUp(): void;
  stopped(): void;
  /** The status, given the lease the store has and the checkpoint this poller holds (undefined without the lease). */
  report(holderId: string, lease: LeaseInfo | undefined, checkpointMillis: number | undefined): PollerStatus;
}

export interface PollerStatusOptions {
  registry: Registry;
  /** The receiver id (metric label). */
  receiver: string;
  now: () => number;
  settleDelayMillis: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const windowStatus = (w: WindowBounds): PollerWindowStatus => ({ start: iso(w.start), end: iso(w.end), queryStart: iso(w.queryStart) });

export function createPollerStatusTracker(o: PollerStatusOptions): PollerStatusTracker {
  const counts: PollerCounts = { windows: 0, summaryPages: 0, traces: 0, spans: 0, duplicates: 0, missing: 0, rejectedDocuments: 0, refusedTraces: 0, throttled: 0, errors: 0, leaseLost: 0 };
  const metrics = createPollerMetrics(o.registry, o.receiver);
  let lastError: PollerStatus['lastError'] = null;
  let currentWindow: WindowBounds | undefined;
  let lastWindow: (WindowBounds & { completedAt: number }) | undefined;
  let lagSeconds: number | null = null;
  let state: PollerState = 'stopped';
  const setLag = (seconds: number) => {
    lagSeconds = seconds;
    metrics.lagSeconds(seconds);
  };
  return {
    counts,
    metrics,
    get state() {
      return state;
    },
    set state(next) {
      state = next;
    },
    noteError(message) {
      lastError = { message, at: iso(o.now()) };
    },
    windowStarted(w, doneUntilMillis) {
      setLag(Math.max(0, (o.now() - o.settleDelayMillis - doneUntilMillis) / 1000));
      currentWindow = w;
    },
    windowDone(w) {
      currentWindow = undefined;
      lastWindow = { ...w, completedAt: o.now() };
    },
    caughtUp() {
      setLag(0);
    },
    stopped() {
      state = 'stopped';
      currentWindow = undefined;
    },
    report(holderId, lease, checkpointMillis) {
      return {
        state,
        holderId,
        lease: lease ? { holder: lease.holder, token: lease.token, expiresAt: iso(lease.expiresAtMillis), self: lease.holder === holderId && checkpointMillis !== undefined } : null,
        checkpoint: checkpointMillis !== undefined ? iso(checkpointMillis) : null,
        currentWindow: currentWindow ? windowStatus(currentWindow) : null,
        lastWindow: lastWindow ? { ...windowStatus(lastWindow), completedAt: iso(lastWindow.completedAt) } : null,
        lagSeconds,
        counts: { ...counts },
        lastError,
      };
    },
  };
}
