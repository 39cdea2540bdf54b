import { parsePort } from './parseNumbers.js';

export interface HostPort {
  host: string;
  port: number | undefined;
}

/**
 * `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (two or more colons, no brackets). Envoy's
 * `peer.address` is an IP or `ip:port` depending on its version.
 */
export function splitHostPort(s: string): HostPort | undefined {
  if (s === '') return undefined;
  if (s.charCodeAt(0) === 91 /* [ */) {
    const close = s.indexOf(']');
    if (close < 2) return undefined;
    const host = s.slice(1, close);
    if (close === s.length - 1) return { host, port: undefined };
    if (s.charCodeAt(close + 1) !== 58 /* : */) return undefined;
    const port = parsePort(s.slice(close + 2));
    return port === undefined ? undefined : { host, port };
  }
  const colon = s.indexOf(':');
  if (colon < 0) return { host: s, port: undefined };
  if (s.indexOf(':', colon + 1) >= 0) return looksLikeIpv6(s) ? { host: s, port: undefined } : undefined;
  if (colon === 0) return undefined;
  const port = parsePort(s.slice(colon + 1));
  return port === undefined ? undefined : { host: s.slice(0, colon), port };
}

/** Hex digits, colons and dots (an embedded IPv4) only; a full check is left to whoever reads the address. */
function looksLikeIpv6(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 46)) return false;
  }
  return true;
}
