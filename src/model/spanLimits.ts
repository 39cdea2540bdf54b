// Limits on what one span may carry, applied by every receiver to each request as it is decoded, before any stage
// sees the spans (docs/architecture.md, "The internal model"). They follow the OpenTelemetry SDKs' span limits
// (AttributeCountLimit, AttributeValueLengthLimit): attributes past the count are dropped and added to the owner's
// droppedAttributesCount, string values past the length are cut, so a sender's oversized span is kept in part rather
// than refused, and no stage (normalizers, the store's attribute text and index) works on more than the limits allow.
import type { AnyValue, Attributes, TraceBatch } from './span.js';

export interface SpanLimits {
  /**
   * Attributes kept on a span, an event, a link, a resource or a scope; also the elements of one array or map value,
   * and the events and the links of one span.
   */
  readonly maxAttributes: number;
  /** UTF-16 code units kept of a string value (at any nesting); longer ones are cut to this length. */
  readonly maxValueLength: number;
}

/** Generous for real data (Envoy sends about 20 tags, an X-Ray segment document is at most 64 KiB). */
export const DEFAULT_SPAN_LIMITS: SpanLimits = { maxAttributes: 1024, maxValueLength: 65_536 };

/** What applying the limits changed in one batch. */
export interface LimitedCounts {
  /** Entries dropped for the count limit: attributes, array or map elements, events and links. */
  dropped: number;
  /** String values cut to the length limit. */
  truncated: number;
}

/** Applies `limits` to every attribute set of a batch the caller owns, in place; returns what it changed. */
export function limitBatch(batch: TraceBatch, limits: SpanLimits): LimitedCounts {
  const counts: LimitedCounts = { dropped: 0, truncated: 0 };
  const { maxAttributes, maxValueLength } = limits;

  function limitValue(v: AnyValue): AnyValue {
    if (typeof v === 'string') {
      if (v.length <= maxValueLength) return v;
      counts.truncated++;
      // A cut between the halves of a surrogate pair would leave a lone surrogate: cut before the pair instead.
      const end = isHighSurrogate(v.charCodeAt(maxValueLength - 1)) ? maxValueLength - 1 : maxValueLength;
      return v.slice(0, end);
    }
    if (Array.isArray(v)) {
      if (v.length > maxAttributes) {
        counts.dropped += v.length - maxAttributes;
        v.length = maxAttributes;
      }
      for (let i = 0; i < v.length; i++) v[i] = limitValue(v[i] as AnyValue);
      return v;
    }
    if (v instanceof Map) {
      limitAttributes(v);
      return v;
    }
    return v;
  }

  /** Limits a map in place; returns how many entries it dropped. */
  function limitAttributes(a: Attributes): number {
    let dropped = 0;
    let i = 0;
    // keys() and get(), not entries(): iterating entries allocates a pair per attribute.
    for (const k of a.keys()) {
      const v = a.get(k) as AnyValue;
      if (i++ >= maxAttributes) {
        a.delete(k);
        dropped++;
      } else if (typeof v === 'string') {
        if (v.length > maxValueLength) a.set(k, limitValue(v));
      } else if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
        limitValue(v);
      }
    }
    counts.dropped += dropped;
    return dropped;
  }

  for (const rs of batch.resourceSpans) {
    rs.resource.droppedAttributesCount += limitAttributes(rs.resource.attributes);
    for (const ss of rs.scopeSpans) {
      ss.scope.droppedAttributesCount += limitAttributes(ss.scope.attributes);
      for (const span of ss.spans) {
        span.droppedAttributesCount += limitAttributes(span.attributes);
        if (span.events.length > maxAttributes) {
          span.droppedEventsCount += span.events.length - maxAttributes;
          counts.dropped += span.events.length - maxAttributes;
          span.events.length = maxAttributes;
        }
        for (const e of span.events) e.droppedAttributesCount += limitAttributes(e.attributes);
        if (span.links.length > maxAttributes) {
          span.droppedLinksCount += span.links.length - maxAttributes;
          counts.dropped += span.links.length - maxAttributes;
          span.links.length = maxAttributes;
        }
        for (const l of span.links) l.droppedAttributesCount += limitAttributes(l.attributes);
      }
    }
  }
  return counts;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
