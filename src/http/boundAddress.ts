import type { AddressInfo } from 'node:net';

/**
 * The `host:port` a listening server or socket is bound to (IPv6 hosts in brackets), as every server reports its
 * address in logs and to the callers that bound port 0: HTTP (Fastify's and node's) and UDP alike.
 */
export function boundAddress(a: AddressInfo | string | null): string {
  if (a !== null && typeof a === 'object') return `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  return String(a);
}
