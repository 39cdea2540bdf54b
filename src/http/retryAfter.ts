// The HTTP `Retry-After` header (RFC 9110 section 10.2.3): read from the answers of the servers exporters send to,
// written on the refusals receivers and the X-Ray API answer with. Its value is delay-seconds or an HTTP-date.

/** What a refusal that names no delay asks for: one second. */
const DEFAULT_RETRY_AFTER_MILLIS = 1000;

/**
 * A `Retry-After` header as milliseconds from `nowMillis` (an HTTP-date in the past is 0); undefined when absent or
 * unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null | undefined, nowMillis: number = Date.now()): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names its day and month (IMF-fixdate, RFC 850 or asctime form); Date.parse alone would take
  // "-5" or "1.5" for years.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMillis);
}

/** Whole seconds to send as `Retry-After` for a delay in milliseconds: rounded up, at least 1, 1 when none is known. */
export function retryAfterSeconds(millis: number | undefined): number {
  return Math.max(1, Math.ceil((millis ?? DEFAULT_RETRY_AFTER_MILLIS) / 1000));
}
