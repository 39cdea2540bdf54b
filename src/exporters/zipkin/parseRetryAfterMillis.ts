/**
 * Milliseconds to wait from a Retry-After header (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date (a date in
 * the past is 0). Undefined when absent or unreadable.
 */
export function parseRetryAfterMillis(header: string | null | undefined, nowMillis: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMillis);
}
