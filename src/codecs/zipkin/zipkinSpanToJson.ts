import type { ZipkinEndpoint, ZipkinSpan } from './zipkinSpan.js';

/** A plain object in zipkin2-api.yaml's v2 Span shape and field order; empty fields are left out. */
export function zipkinSpanToJson(z: ZipkinSpan): Record<string, unknown> {
  const o: Record<string, unknown> = { traceId: z.traceId };
  if (z.parentId !== undefined) o.parentId = z.parentId;
  o.id = z.id;
  if (z.kind !== undefined) o.kind = z.kind;
  if (z.name !== undefined) o.name = z.name;
  // Microseconds stay below 2^53 until the year 2255.
  if (z.timestamp !== undefined) o.timestamp = Number(z.timestamp);
  if (z.duration !== undefined) o.duration = Number(z.duration);
  if (z.localEndpoint) o.localEndpoint = endpointJson(z.localEndpoint);
  if (z.remoteEndpoint) o.remoteEndpoint = endpointJson(z.remoteEndpoint);
  if (z.annotations.length > 0) o.annotations = z.annotations.map((a) => ({ timestamp: Number(a.timestamp), value: a.value }));
  if (z.tags.size > 0) o.tags = Object.fromEntries(z.tags);
  if (z.debug) o.debug = true;
  if (z.shared) o.shared = true;
  return o;
}

function endpointJson(e: ZipkinEndpoint): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (e.serviceName !== undefined) o.serviceName = e.serviceName;
  if (e.ipv4 !== undefined) o.ipv4 = e.ipv4;
  if (e.ipv6 !== undefined) o.ipv6 = e.ipv6;
  if (e.port !== undefined) o.port = e.port;
  return o;
}
