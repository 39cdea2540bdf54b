import { performance } from 'node:perf_hooks';
import type { HrTime } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';

/** Wall-clock time in whole microseconds since the Unix epoch (Zipkin's timestamp unit), with sub-ms precision. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** Microseconds elapsed since `startMillis` (a `performance.now()` reading), at least 1 (Zipkin: duration >= 1). */
export function elapsedMicros(startMillis: number): number {
  return Math.max(1, Math.round((performance.now() - startMillis) * 1000));
}

/**
 * Now as OpenTelemetry HrTime, from the same clock as nowMicros (performance.timeOrigin + performance.now()), with
 * sub-microsecond precision. The demo apps pass it as their spans' start and end times: without an explicit start
 * the OpenTelemetry SDK takes Date.now() (whole milliseconds; sdk-trace's Span constructor) and derives the end from
 * it, so an app span could start up to a millisecond before the sidecar span it is a child of.
 */
export function nowHrTime(): HrTime {
  return hrTime();
}
