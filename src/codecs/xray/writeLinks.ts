import { anyValueToJson } from '../../model/attributes.js';
import { isValidTraceId } from '../../model/ids.js';
import type { SpanLink } from '../../model/span.js';
import { chooseXrayTraceId } from './chooseXrayTraceId.js';
import { ORIGINAL_TRACE_ID_ANNOTATION, XRAY_TRACE_ID } from './xrayAttributeNames.js';
import type { XrayEncodeOptions } from './xrayEncodeOptions.js';
import type { XrayLink } from './xraySegmentDocument.js';

/**
 * `links`: trace id converted (or rewritten by the epoch fix, the original then kept in the link
 * attribute ORIGINAL_TRACE_ID_ANNOTATION), span id, and the attributes when there are any. A link whose trace id
 * cannot be converted is left out rather than the whole span dropped (as contrib does).
 */
export function writeLinks(links: readonly SpanLink[], options: XrayEncodeOptions): XrayLink[] | undefined {
  if (links.length === 0) return undefined;
  const out: XrayLink[] = [];
  for (const link of links) {
    if (!isValidTraceId(link.traceId)) continue;
    const { xrayTraceId, rewritten } = chooseXrayTraceId(link.traceId, link.attributes.get(XRAY_TRACE_ID), options);
    const x: XrayLink = { trace_id: xrayTraceId, id: link.spanId };
    let attributes: Record<string, unknown> | undefined;
    for (const [k, v] of link.attributes) if (k !== XRAY_TRACE_ID) (attributes ??= {})[k] = anyValueToJson(v);
    if (rewritten && !link.attributes.has(ORIGINAL_TRACE_ID_ANNOTATION)) (attributes ??= {})[ORIGINAL_TRACE_ID_ANNOTATION] = link.traceId;
    if (attributes !== undefined) x.attributes = attributes;
    out.push(x);
  }
  return out.length > 0 ? out : undefined;
}
