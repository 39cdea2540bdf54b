import { splitHostPort } from './splitHostPort.js';

export interface UrlParts {
  scheme: string;
  host: string | undefined;
  port: number | undefined;
  /** '' when the URL has none. */
  path: string;
  /** Without the `?`; '' when the URL has none. */
  query: string;
}

/** The scheme before `://` at `sep`; Envoy's usual two as constants, so spans do not each hold a copy. */
function schemeOf(url: string, sep: number): string {
  if (sep === 4 && url.startsWith('http')) return 'http';
  if (sep === 5 && url.startsWith('https')) return 'https';
  return url.slice(0, sep);
}

/**
 * Splits an absolute URL (RFC 3986 section 3) without building a WHATWG URL: Envoy's `http.url` is
 * `<x-forwarded-proto>://<host><path>`, and this runs on every sidecar span.
 * A fragment is ignored; user info is skipped. Gives undefined when there is no `scheme://`.
 */
export function splitUrl(url: string): UrlParts | undefined {
  const sep = url.indexOf('://');
  if (sep <= 0) return undefined;
  const start = sep + 3;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) {
      end = i;
      break;
    }
  }
  let authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  const hp = splitHostPort(authority);
  const hash = url.indexOf('#', end);
  const stop = hash < 0 ? url.length : hash;
  const q = url.indexOf('?', end);
  const pathEnd = q < 0 || q > stop ? stop : q;
  return {
    scheme: schemeOf(url, sep),
    host: hp?.host,
    port: hp?.port,
    path: url.slice(end, pathEnd),
    query: pathEnd < stop ? url.slice(pathEnd + 1, stop) : '',
  };
}
