/**
 * A `Retry-After` header (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date) as milliseconds from `nowMillis`;
 * undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null | undefined, nowMillis: number = Date.now()): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names its day and month (IMF-fixdate, RFC 850 or asctime form).
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMillis);
}
