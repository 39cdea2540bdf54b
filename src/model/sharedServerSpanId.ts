import { createHash } from 'node:crypto';
import { EMPTY_SPAN_ID } from './ids.js';

/**
 * The span id a B3 "shared" SERVER span gets when it is split from the CLIENT span whose id it reuses
 * (docs/zipkin-mesh.md, "Shared spans"): the first 8 bytes of SHA-256 over (trace id, original id, "server", the
 * server's `localEndpoint.serviceName`), so every instance, every retry, the `istio` processor at ingest and the query
 * APIs' read-time adjuster all derive the same id.
 */
export function sharedServerSpanId(traceId: string, originalSpanId: string, service: string): string {
  const id = createHash('sha256').update(`${traceId}\n${originalSpanId}\nserver\n${service}`).digest('hex').slice(0, 16);
  return id === EMPTY_SPAN_ID ? '0000000000000001' : id;
}
