/** Latencies of the most recent requests (a bounded ring), for the progress line's percentiles. */
export interface LatencyWindow {
  add(millis: number): void;
  /** The nearest-rank percentile (0 < p <= 100) of the window, undefined when empty. */
  percentile(p: number): number | undefined;
}

export function createLatencyWindow(capacity = 10_000): LatencyWindow {
  const samples = new Float64Array(capacity);
  let count = 0;
  let next = 0;
  return {
    add(millis) {
      samples[next] = millis;
      next = (next + 1) % capacity;
      count = Math.min(count + 1, capacity);
    },
    percentile(p) {
      if (count === 0) return undefined;
      const sorted = samples.slice(0, count).sort();
      return sorted[Math.max(0, Math.ceil((p / 100) * count) - 1)];
    },
  };
}
