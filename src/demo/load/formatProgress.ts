import type { DemoStats } from '../demoMeshOptions.js';

const ms = (v: number | undefined) => (v === undefined ? '-' : `${v.toFixed(1)} ms`);

/** The live progress line: load, latency, faults and span delivery. */
export function formatProgress(s: DemoStats): string {
  const errorPct = s.requests === 0 ? 0 : (100 * s.errors) / s.requests;
  const undelivered = s.zipkin.dropped + s.zipkin.failed + s.zipkin.overflowed + s.otlp.failed;
  return (
    `requests ${s.requests} (${s.inFlight} in flight${s.skipped ? `, ${s.skipped} skipped` : ''}), errors ${s.errors} (${errorPct.toFixed(1)}%), ` +
    `p50 ${ms(s.p50Millis)}, p99 ${ms(s.p99Millis)} | faults: ${s.faults.ratingsErrors} ratings 5xx, ${s.faults.reviewsDelays} slow reviews-v3 | ` +
    `spans sent: ${s.zipkin.sent} sidecar (zipkin), ${s.otlp.sent} app (otlp)${undelivered ? `, ${undelivered} undelivered` : ''}`
  );
}
