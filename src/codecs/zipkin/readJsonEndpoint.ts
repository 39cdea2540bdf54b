import type { ZipkinEndpoint } from './zipkinSpan.js';
import { fieldProblem } from './spanProblem.js';

/** A text field of endpoint `o`; absent, null and empty are `undefined`. */
function text(o: Record<string, unknown>, key: string, where: string, field: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fieldProblem(where, `${field}.${key}`, 'not a string');
  return v === '' ? undefined : v;
}

/**
 * A v1 or v2 JSON endpoint `{serviceName, ipv4, ipv6, port}` read from `where`.`field`. Empty strings, port 0 and ports
 * outside 1..65535 count as absent, and an endpoint with nothing left is `undefined` (spec section 1.1). Unknown
 * fields are ignored.
 */
export function readJsonEndpoint(raw: unknown, where: string, field: string): ZipkinEndpoint | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fieldProblem(where, field, 'not an object');
  const o = raw as Record<string, unknown>;
  const serviceName = text(o, 'serviceName', where, field);
  const ipv4 = text(o, 'ipv4', where, field);
  const ipv6 = text(o, 'ipv6', where, field);
  const port = typeof o.port === 'string' && /^\d+$/.test(o.port) ? Number(o.port) : o.port;
  const hasPort = typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535;
  if (serviceName === undefined && ipv4 === undefined && ipv6 === undefined && !hasPort) return undefined;
  const e: ZipkinEndpoint = {};
  if (serviceName !== undefined) e.serviceName = serviceName;
  if (ipv4 !== undefined) e.ipv4 = ipv4;
  if (ipv6 !== undefined) e.ipv6 = ipv6;
  if (hasPort) e.port = port;
  return e;
}
