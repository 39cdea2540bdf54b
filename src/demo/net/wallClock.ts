import { performance } from 'node:perf_hooks';

/** Wall-clock time in whole microseconds since the Unix epoch (Zipkin's timestamp unit), with sub-ms precision. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** Microseconds elapsed since `startMillis` (a `performance.now()` reading), at least 1 (Zipkin: duration >= 1). */
export function elapsedMicros(startMillis: number): number {
  return Math.max(1, Math.round((performance.now() - startMillis) * 1000));
}
