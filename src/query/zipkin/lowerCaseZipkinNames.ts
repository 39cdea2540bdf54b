import { forEachSpan } from '../../model/batch.js';
import type { Attributes, TraceBatch } from '../../model/span.js';

const SERVICE_NAME = 'service.name';
/** The attributes the Zipkin encoder writes as `remoteEndpoint.serviceName`, in its order. */
const REMOTE_SERVICE_NAMES = ['peer.service', 'service.peer.name'] as const;

/**
 * Lower-cases what Zipkin's own server lower-cases at ingest (its Span and Endpoint builders): span names, local
 * service names (`service.name`) and remote service names (what the encoder writes as `remoteEndpoint.serviceName`),
 * so the Zipkin query API's traces use the names its pickers list. The store keeps names as they came, so the Jaeger,
 * native and OTLP views are unchanged. Changes `batch`, a fresh copy from the store, in place and returns it.
 */
export function lowerCaseZipkinNames(batch: TraceBatch): TraceBatch {
  for (const rs of batch.resourceSpans) lowerValue(rs.resource.attributes, SERVICE_NAME);
  forEachSpan(batch, (span) => {
    span.name = span.name.toLowerCase();
    for (const key of REMOTE_SERVICE_NAMES) lowerValue(span.attributes, key);
  });
  return batch;
}

function lowerValue(attributes: Attributes, key: string): void {
  const v = attributes.get(key);
  if (typeof v === 'string') attributes.set(key, v.toLowerCase());
}
