const DIGITS = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;
const MAX_U64 = (1n << 64n) - 1n;

/**
 * X-Ray's float seconds since the epoch as exact nanoseconds, or undefined for a negative, non-finite or too large
 * value (the largest uint64 count of nanoseconds, as a double, reads as that count). Reads the shortest decimal text of
 * the double (what the sender wrote, for up to 17 significant digits) instead of multiplying by 1e9, which is off by up
 * to 256 ns at current epochs. Digits beyond the ninth decimal are rounded half up.
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
