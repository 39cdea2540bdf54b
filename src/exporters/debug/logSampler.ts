/**
 * The Collector's log sampling for the debug exporter (zap's sampler: `sampling_initial` entries per second, then every
 * `sampling_thereafter`-th). Returns whether the next entry may be written. `now` is injectable for tests.
 */
export function createLogSampler(initial: number, thereafter: number, now: () => number = Date.now): () => boolean {
  let second = Number.NaN;
  let count = 0;
  return () => {
    const s = Math.floor(now() / 1000);
    if (s !== second) {
      second = s;
      count = 0;
    }
    count++;
    return count <= initial || (count - initial) % thereafter === 0;
  };
}
