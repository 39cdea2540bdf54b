import type { SpanLink } from '../../model/span.js';
import { padHex } from '../../model/ids.js';
import { splitAttributeSuffix } from './splitAttributeSuffix.js';
import { TAG_LINK_PREFIX } from './tagNames.js';

const TRACE_ID = /^[0-9a-f]{16}([0-9a-f]{16})?$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * Links from the tags `otlp.link.0`, `otlp.link.1`, ... (`traceId|spanId|tracestate|{json attributes}|dropped`, spec
 * section 2.3), stopping at the first missing index. Tags read are removed from `tags`; one that does not parse stops
 * the scan and stays a tag.
 */
export function readLinkTags(tags: Map<string, string>): SpanLink[] {
  const links: SpanLink[] = [];
  for (let i = 0; ; i++) {
    const key = `${TAG_LINK_PREFIX}${i}`;
    const value = tags.get(key);
    if (value === undefined) return links;
    const parts = splitAttributeSuffix(value);
    const [traceId = '', spanId = '', ...state] = parts ? parts.head.split('|') : [];
    if (!parts || !TRACE_ID.test(traceId) || !SPAN_ID.test(spanId) || state.length === 0) return links;
    links.push({ traceId: padHex(traceId, 32), spanId, traceState: state.join('|'), attributes: parts.attributes, droppedAttributesCount: parts.dropped, flags: 0 });
    tags.delete(key);
  }
}
