// The main thread's heartbeat, read by the telemetry thread (telemetryWorker.ts, docs/threads.md): the main thread
// stores a monotonic time and its readiness into shared memory every BEAT_EVERY_MILLIS, and /healthz and /readyz read
// them there without waiting for the main thread, so they answer however long its event loop lags.
import { hrtime } from 'node:process';

/** How often the main thread beats (a timer it keeps no process alive for). */
export const BEAT_EVERY_MILLIS = 100;

// Slots of the BigInt64Array over the shared buffer: the last beat (process.hrtime, nanoseconds; every thread of the
// process reads the same monotonic clock) and the readiness (1 ready, 0 not).
const BEAT = 0;
const READY = 1;
const SLOTS = 2;

export interface HeartbeatWriter {
  /** The memory to hand to the reading thread. */
  readonly buffer: SharedArrayBuffer;
  /** Stores the time now and `ready`. */
  beat(ready: boolean): void;
}

export interface Heartbeat {
  /** Milliseconds since the last beat. */
  ageMillis: number;
  /** The readiness stored by the last beat. */
  ready: boolean;
}

/** A heartbeat in new shared memory, beaten once (not ready). */
export function createHeartbeat(): HeartbeatWriter {
  const buffer = new SharedArrayBuffer(SLOTS * BigInt64Array.BYTES_PER_ELEMENT);
  const slots = new BigInt64Array(buffer);
  const writer: HeartbeatWriter = {
    buffer,
    beat(ready) {
      Atomics.store(slots, READY, ready ? 1n : 0n);
      Atomics.store(slots, BEAT, hrtime.bigint());
    },
  };
  writer.beat(false);
  return writer;
}

/** Reads the heartbeat another thread writes into `buffer` (createHeartbeat). */
export function readHeartbeat(buffer: SharedArrayBuffer): Heartbeat {
  const slots = new BigInt64Array(buffer);
  const last = Atomics.load(slots, BEAT);
  return { ageMillis: Number(hrtime.bigint() - last) / 1e6, ready: Atomics.load(slots, READY) === 1n };
}
