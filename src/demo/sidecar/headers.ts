import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// RFC 9110 section 7.6.1: connection-specific headers a proxy must not forward.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * The headers a proxy forwards: `incoming` without hop-by-hop headers, with `changes` applied (matched
 * case-insensitively; a string sets the header under the given spelling, undefined removes it).
 */
export function forwardedHeaders(incoming: IncomingHttpHeaders, changes: Readonly<Record<string, string | undefined>>): OutgoingHttpHeaders {
  const changed = new Set(Object.keys(changes).map((k) => k.toLowerCase()));
  const out: OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(key) || changed.has(key)) continue;
    out[key] = value;
  }
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) out[key] = value;
  return out;
}

/** Response headers to pass back downstream (hop-by-hop ones removed; Node frames the body itself). */
export function forwardedResponseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  return forwardedHeaders(incoming, {});
}

/** A header's first value (B3: the first value wins when a header is repeated). */
export function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
