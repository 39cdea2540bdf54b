import type { SpanLink } from '../../model/span.js';
import { isJsonObject } from './isJsonObject.js';
import { jsonToAnyValue } from './jsonToAnyValue.js';
import { restoreOriginalTraceId } from './restoreOriginalTraceId.js';
import { XRAY_TRACE_ID } from './xrayAttributeNames.js';

const TRACE_ID = /^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/;
const SPAN_ID = /^[0-9a-fA-F]{16}$/;

/**
 * `links` as span links with their attributes (the `aws.xray.reserved.*` ones included). A link
 * whose trace id was rewritten by the epoch fix gets its original id back (restoreOriginalTraceId). Links with
 * unreadable ids are left out here (the caller's diff keeps them verbatim).
 */
export function readLinks(node: Record<string, unknown>): SpanLink[] {
  const raw = node.links;
  if (!Array.isArray(raw)) return [];
  const links: SpanLink[] = [];
  for (const l of raw) {
    if (!isJsonObject(l) || typeof l.trace_id !== 'string' || typeof l.id !== 'string' || !TRACE_ID.test(l.trace_id) || !SPAN_ID.test(l.id)) continue;
    if (l.attributes !== undefined && !isJsonObject(l.attributes)) continue;
    const attributes = l.attributes === undefined ? new Map() : (jsonToAnyValue(l.attributes) as Map<string, never>);
    const xrayTraceId = l.trace_id.toLowerCase();
    const traceId = restoreOriginalTraceId(xrayTraceId, attributes);
    if (traceId !== `${xrayTraceId.slice(2, 10)}${xrayTraceId.slice(11)}`) attributes.set(XRAY_TRACE_ID, xrayTraceId as never);
    links.push({ traceId, spanId: l.id.toLowerCase(), traceState: '', attributes, droppedAttributesCount: 0, flags: 0 });
  }
  return links;
}
