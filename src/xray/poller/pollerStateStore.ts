// The durable side of the awsxray_poller: the checkpoint that lets a restart neither skip nor repeat a window, and the
// lease that keeps one poller active among replicas. Both live in one store so a checkpoint write can be fenced by the
// lease in the same atomic step.

/** A held lease. `token` grows with every change of holder (a fencing token). */
export interface Lease {
  readonly holder: string;
  readonly token: number;
}

export interface LeaseInfo {
  holder: string;
  token: number;
  /** Unix milliseconds; a lease at or past it may be taken by another holder. */
  expiresAtMillis: number;
}

export interface PollerCheckpoint {
  /** Every window before this instant (Unix ms) is done: its traces were accepted downstream. */
  doneUntilMillis: number;
  /**
   * Trace ids accepted downstream that a later query can still return (ids of the current, unfinished window and of
   * the overlap behind `doneUntilMillis`), each with the end (Unix ms) of the window that delivered it.
   */
  seen: Map<string, number>;
}

export interface AdvanceOptions {
  doneUntilMillis: number;
  /** Seen ids recorded with a window end below this are forgotten. */
  pruneBeforeMillis: number;
  /** At most this many seen ids are kept (the oldest go first). */
  maxSeen: number;
}

/**
 * Thrown by a fenced write when `lease` is no longer the current one (it expired and another holder took it): the
 * writer must stop working, since the new holder owns the checkpoint.
 */
export class LeaseLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeaseLostError';
  }
}

export interface PollerStateStore {
  /**
   * Takes the lease when it is free or expired (with a new token), or renews it when `holder` already holds it (same
   * token); undefined when another holder's lease is live.
   */
  acquireLease(holder: string, ttlMillis: number): Promise<Lease | undefined>;
  /** Extends a held lease; false when it is no longer held (expired and taken, or released). */
  renewLease(lease: Lease, ttlMillis: number): Promise<boolean>;
  /** Frees a held lease so a standby can take it at once; does nothing when it is no longer held. */
  releaseLease(lease: Lease): Promise<void>;
  /** The current lease, live or not; undefined when none was ever taken or it was released. */
  leaseInfo(): Promise<LeaseInfo | undefined>;
  loadCheckpoint(): Promise<PollerCheckpoint | undefined>;
  /** Adds trace ids accepted downstream (fenced: throws LeaseLostError when `lease` is not current). */
  recordDelivered(lease: Lease, traceIds: readonly string[], windowEndMillis: number): Promise<void>;
  /** Moves the checkpoint forward and prunes the seen ids (fenced like recordDelivered). */
  advance(lease: Lease, options: AdvanceOptions): Promise<void>;
  close(): Promise<void>;
}
