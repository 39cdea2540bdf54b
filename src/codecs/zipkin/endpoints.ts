// Zipkin endpoints `{serviceName, ipv4, ipv6, port}` in every direction: read from JSON, as zipkin.proto's address
// bytes, and to and from the model's network attributes. Service names are mapped by the callers (resource
// `service.name` for the local endpoint, `peer.service` for the remote one).
import { isIP } from 'node:net';
import { ZIPKIN_LOCAL_ENDPOINT_IPV4, ZIPKIN_LOCAL_ENDPOINT_IPV6, ZIPKIN_REMOTE_ENDPOINT_IPV4, ZIPKIN_REMOTE_ENDPOINT_IPV6 } from '../../model/attributeNames.js';
import { anyValueToString } from '../../model/attributes.js';
import type { AnyValue, Attributes } from '../../model/span.js';
import { fieldProblem } from './readFields.js';
import { NETWORK_LOCAL_ADDRESS, NETWORK_LOCAL_PORT, NETWORK_PEER_ADDRESS, NETWORK_PEER_PORT, NET_HOST_IP, NET_HOST_PORT, NET_PEER_IP, NET_PEER_PORT } from './tags.js';
import type { ZipkinEndpoint } from './zipkinSpan.js';

/** The attribute names one endpoint maps to (current semantic conventions), with the legacy ones read as fallbacks. */
export interface EndpointSide {
  address: string;
  port: string;
  ipv4: string;
  ipv6: string;
  legacyAddress: string;
  legacyPort: string;
}

export const LOCAL_SIDE: EndpointSide = { address: NETWORK_LOCAL_ADDRESS, port: NETWORK_LOCAL_PORT, ipv4: ZIPKIN_LOCAL_ENDPOINT_IPV4, ipv6: ZIPKIN_LOCAL_ENDPOINT_IPV6, legacyAddress: NET_HOST_IP, legacyPort: NET_HOST_PORT };
export const REMOTE_SIDE: EndpointSide = { address: NETWORK_PEER_ADDRESS, port: NETWORK_PEER_PORT, ipv4: ZIPKIN_REMOTE_ENDPOINT_IPV4, ipv6: ZIPKIN_REMOTE_ENDPOINT_IPV6, legacyAddress: NET_PEER_IP, legacyPort: NET_PEER_PORT };

/** A text field of endpoint `o`; absent, null and empty are `undefined`. */
function text(o: Record<string, unknown>, key: string, where: string, field: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fieldProblem(where, `${field}.${key}`, 'not a string');
  return v === '' ? undefined : v;
}

/**
 * A v1 or v2 JSON endpoint read from `where`.`field`. Empty strings, port 0 and ports outside 1..65535 count as absent
 * (Zipkin writes them for "not set"), and an endpoint with nothing left is `undefined`. Unknown fields are ignored.
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

/**
 * An endpoint's address and port as attributes: the IPv6 text, else the IPv4 text, is the network address (the
 * collector's choice); a field not used for it (the IPv4 text beside an IPv6 one, or text that is not an IP) is kept
 * under `zipkin.<side>_endpoint.ipv4/ipv6` so a Zipkin re-export restores it.
 */
export function endpointToAttributes(e: ZipkinEndpoint, side: EndpointSide, out: Attributes): void {
  const v6 = e.ipv6 !== undefined && isIP(e.ipv6) !== 0;
  const v4 = e.ipv4 !== undefined && isIP(e.ipv4) !== 0;
  const address = v6 ? e.ipv6 : v4 ? e.ipv4 : undefined;
  if (address !== undefined) out.set(side.address, address);
  if (e.port !== undefined) out.set(side.port, BigInt(e.port));
  if (e.ipv4 !== undefined && e.ipv4 !== address) out.set(side.ipv4, e.ipv4);
  if (e.ipv6 !== undefined && e.ipv6 !== address) out.set(side.ipv6, e.ipv6);
}

function portOf(v: AnyValue | undefined): number | undefined {
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isInteger(n) && n > 0 && n <= 65535 ? n : undefined;
}

/**
 * The reverse of endpointToAttributes: the network address goes to `ipv6` when it contains `:`, else to `ipv4`;
 * `zipkin.<side>_endpoint.*` fill the fields still free; the legacy `net.*` names are read when the current ones are
 * absent. Only usable values are taken (an IP text, a port in 1..65535); the keys taken are added to `used` so they
 * do not also become tags.
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

/**
 * Address text for zipkin.proto's 4-byte `ipv4` or 16-byte `ipv6`; undefined for other lengths. IPv6 is written the
 * way the WHATWG URL standard serializes it (lower-case, no leading zeros, the first longest run of two or more zero
 * groups as `::`), so text from `new URL('http://[..]').hostname` matches it.
 */
export function ipBytesToText(bytes: Uint8Array): string | undefined {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return undefined;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** The 4 or 16 bytes of an IPv4 or IPv6 address text (zipkin.proto's Endpoint.ipv4/ipv6); undefined if not an IP. */
export function ipTextToBytes(text: string): Uint8Array | undefined {
  const family = isIP(text);
  if (family === 4) return Uint8Array.from(text.split('.').map(Number));
  if (family !== 6 || text.includes('%')) return undefined;
  let s = text;
  const tail = s.slice(s.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    // An embedded IPv4 tail (`::ffff:1.2.3.4`) is two 16-bit groups.
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    s = `${s.slice(0, s.length - tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = s.split('::');
  const high = head === '' ? [] : head.split(':');
  const low = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = [...high, ...Array<string>(8 - high.length - low.length).fill('0'), ...low];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  return out;
}
