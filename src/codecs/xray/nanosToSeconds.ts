const NANOS_PER_SECOND = 1_000_000_000n;
/** 2^20 s (12 days after the epoch): from here on the arithmetic below rounds exactly as parsing the decimal text. */
const ARITHMETIC_FROM = (1n << 20n) * NANOS_PER_SECOND;

/**
 * Nanoseconds as X-Ray's float seconds: the double nearest to the exact decimal value (so a value read by
 * secondsToNanos comes back as the very same double).
 *
 * `s + f / 1e9` (whole seconds s, nanoseconds f) rounds twice, yet gives that double whenever s >= 2^20: the halfway
 * points between neighbouring results are then multiples of 2^-p with 9 <= p <= 33, and f / 1e9 - a fraction with
 * 2^9 * 5^9 below - is either on such a point (and then exact as a double) or at least 2^9 / (1e9 * 2^33) > 2^-54 away
 * from it, more than rounding f / 1e9 can move it. Below 2^20 s (test data, not clocks) the decimal text is parsed.
 */
export function nanosToSeconds(ns: bigint): number {
  if (ns >= ARITHMETIC_FROM) {
    const seconds = ns / NANOS_PER_SECOND;
    return Number(seconds) + Number(ns - seconds * NANOS_PER_SECOND) / 1e9;
  }
  const text = ns.toString();
  if (text.length <= 9) return Number(`0.${text.padStart(9, '0')}`);
  return Number(`${text.slice(0, -9)}.${text.slice(-9)}`);
}
