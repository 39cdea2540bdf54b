/**
 * Nanoseconds as X-Ray's float seconds: the double nearest to the exact decimal value (via its text, so a value read
 * by secondsToNanos comes back as the very same double).
 */
export function nanosToSeconds(ns: bigint): number {
  const text = ns.toString();
  if (text.length <= 9) return Number(`0.${text.padStart(9, '0')}`);
  return Number(`${text.slice(0, -9)}.${text.slice(-9)}`);
}
