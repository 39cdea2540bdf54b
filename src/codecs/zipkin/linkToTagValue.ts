import { anyValueToJson } from '../../model/attributes.js';
import type { SpanLink } from '../../model/span.js';

/** The `otlp.link.N` tag value of a link: `traceId|spanId|tracestate|{json attributes}|dropped` (spec section 2.6). */
export function linkToTagValue(link: SpanLink): string {
  return `${link.traceId}|${link.spanId}|${link.traceState}|${JSON.stringify(anyValueToJson(link.attributes))}|${link.droppedAttributesCount}`;
}
