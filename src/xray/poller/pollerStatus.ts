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

export function zeroCounts(): PollerCounts {
  return { windows: 0, summaryPages: 0, traces: 0, spans: 0, duplicates: 0, missing: 0, rejectedDocuments: 0, refusedTraces: 0, throttled: 0, errors: 0, leaseLost: 0 };
}
