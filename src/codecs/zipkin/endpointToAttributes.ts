import { isIP } from 'node:net';
import type { Attributes } from '../../model/span.js';
import type { EndpointSide } from './endpointSide.js';
import type { ZipkinEndpoint } from './zipkinSpan.js';

/**
 * An endpoint's address and port as attributes (spec section 7.10): the IPv6 text, else the IPv4 text, is the
 * network address (the collector's choice); a field not used for it (the IPv4 text beside an IPv6 one, or text that
 * is not an IP) is kept under `zipkin.<side>_endpoint.ipv4/ipv6` so a Zipkin re-export restores it. The service name
 * is handled by the caller (resource `service.name` / `peer.service`).
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
