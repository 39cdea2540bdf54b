// X-Ray's times are float seconds since the epoch; the model's are integer nanoseconds. Both directions are exact:
// a double read into nanoseconds comes back as the very same double.

const DIGITS = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;
const MAX_U64 = (1n << 64n) - 1n;

/**
 * X-Ray's float seconds as exact nanoseconds, or undefined for a negative, non-finite or too large value (the largest
 * uint64 count of nanoseconds, as a double, reads as that count). Reads the shortest decimal text of the double (what
 * the sender wrote, for up to 17 significant digits) instead of multiplying by 1e9, which is off by up to 256 ns at
 * current epochs. Digits beyond the ninth decimal are rounded half up.
 */
export function secondsToNanos(seconds: number): bigint | undefined {
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  const text = String(seconds);
  const dot = text.indexOf('.');
  const decimals = dot < 0 ? 0 : text.length - dot - 1;
  let ns: bigint;
  // Most values (nine decimals at most, no exponent): the digits themselves, padded to nine decimals.
  if (decimals <= 9 && !text.includes('e')) ns = BigInt(dot < 0 ? `${text}000000000` : `${text.slice(0, dot)}${text.slice(dot + 1)}${'0'.repeat(9 - decimals)}`);
  else {
    const m = DIGITS.exec(text.toLowerCase());
    if (m === null) return undefined;
    const digits = (m[1] ?? '') + (m[2] ?? '');
    const scale = 9 - (m[2]?.length ?? 0) + Number(m[3] ?? 0);
    if (scale >= 0) ns = BigInt(digits) * 10n ** BigInt(scale);
    else {
      const cut = digits.length + scale;
      const kept = cut > 0 ? BigInt(digits.slice(0, cut)) : 0n;
      const next = cut >= 0 && cut < digits.length ? Number(digits[cut]) : 0;
      ns = kept + (next >= 5 ? 1n : 0n);
    }
  }
  if (ns <= MAX_U64) return ns;
  // The double nearest to the largest uint64 nanosecond value reads a little above it.
  return ns - MAX_U64 < 10_000n ? MAX_U64 : undefined;
}

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
