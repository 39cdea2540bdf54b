import { isIP } from 'node:net';
import { anyValueToString } from '../../model/attributes.js';
import type { AnyValue, Attributes } from '../../model/span.js';
import type { EndpointSide } from './endpointSide.js';
import type { ZipkinEndpoint } from './zipkinSpan.js';

function portOf(v: AnyValue | undefined): number | undefined {
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isInteger(n) && n > 0 && n <= 65535 ? n : undefined;
}

/**
 * The reverse of endpointToAttributes (spec section 2.6): the network address goes to `ipv6` when it contains `:`,
 * else to `ipv4`; `zipkin.<side>_endpoint.*` fill the fields still free; the legacy `net.*` names are read when the
 * current ones are absent. Only usable values are taken (an IP text, a port in 1..65535); the keys taken are added
 * to `used` so they do not also become tags.
 */
export function attributesToEndpoint(attrs: Attributes, side: EndpointSide, used: Set<string>): ZipkinEndpoint {
  const e: ZipkinEndpoint = {};
  for (const key of [side.address, side.legacyAddress]) {
    const v = attrs.get(key);
    if (typeof v !== 'string' || isIP(v) === 0) continue;
    if (v.includes(':')) e.ipv6 = v;
    else e.ipv4 = v;
    used.add(key);
    break;
  }
  for (const [key, field] of [[side.ipv4, 'ipv4'], [side.ipv6, 'ipv6']] as const) {
    const v = attrs.get(key);
    if (v === undefined || v === null || e[field] !== undefined) continue;
    e[field] = anyValueToString(v);
    used.add(key);
  }
  for (const key of [side.port, side.legacyPort]) {
    const port = portOf(attrs.get(key));
    if (port === undefined) continue;
    e.port = port;
    used.add(key);
    break;
  }
  return e;
}
