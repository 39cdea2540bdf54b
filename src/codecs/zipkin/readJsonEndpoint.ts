import type { ZipkinEndpoint } from './zipkinSpan.js';
import { spanProblem } from './spanProblem.js';

/**
 * A v1 or v2 JSON endpoint `{serviceName, ipv4, ipv6, port}`. Empty strings, port 0 and ports outside 1..65535 count
 * as absent, and an endpoint with nothing left is `undefined` (spec section 1.1). Unknown fields are ignored.
 */
export function readJsonEndpoint(raw: unknown, where: string): ZipkinEndpoint | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw spanProblem(where, 'not an object');
  const o = raw as Record<string, unknown>;
  const e: ZipkinEndpoint = {};
  const text = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw spanProblem(`${where}.${key}`, 'not a string');
    return v === '' ? undefined : v;
  };
  const serviceName = text('serviceName');
  const ipv4 = text('ipv4');
  const ipv6 = text('ipv6');
  if (serviceName !== undefined) e.serviceName = serviceName;
  if (ipv4 !== undefined) e.ipv4 = ipv4;
  if (ipv6 !== undefined) e.ipv6 = ipv6;
  const port = typeof o.port === 'string' && /^\d+$/.test(o.port) ? Number(o.port) : o.port;
  if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535) e.port = port;
  return Object.keys(e).length === 0 ? undefined : e;
}
