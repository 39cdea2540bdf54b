import { anyValueToString } from '../../model/attributes.js';
import type { AnyValue, ResourceSpans } from '../../model/span.js';
import type { SpanPredicate } from './spanPredicate.js';

// Span-level conditions evaluated in memory, with the store's comparison rules (src/store/store.ts): attributes of
// the span or of its resource, values compared as text.

export function serviceNameOf(rs: ResourceSpans): string | undefined {
  const v = rs.resource.attributes.get('service.name');
  return v === undefined || v === null ? undefined : anyValueToString(v);
}

/** The span's attribute, else its resource's. */
export function attributeOf(key: string): (...args: Parameters<SpanPredicate>) => AnyValue | undefined {
  return (span, rs) => (span.attributes.has(key) ? span.attributes.get(key) : rs.resource.attributes.get(key));
}

/** The service name, compared ignoring case (Zipkin's lower-cased names). */
export function serviceIn(names: readonly string[]): SpanPredicate {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  return (_span, rs) => lower.has((serviceNameOf(rs) ?? '').toLowerCase());
}

export function nameIgnoringCase(name: string): SpanPredicate {
  const lower = name.toLowerCase();
  return (span) => span.name.toLowerCase() === lower;
}

export function durationWithin(minNanos: bigint | undefined, maxNanos: bigint | undefined): SpanPredicate {
  return (span) => {
    const d = span.endTimeUnixNano - span.startTimeUnixNano;
    return (minNanos === undefined || d >= minNanos) && (maxNanos === undefined || d <= maxNanos);
  };
}

export function attributeEquals(key: string, value: string, ignoreCase = false): SpanPredicate {
  const get = attributeOf(key);
  const wanted = ignoreCase ? value.toLowerCase() : value;
  return (span, rs, ss) => {
    const v = get(span, rs, ss);
    if (v === undefined) return false;
    const text = anyValueToString(v);
    return (ignoreCase ? text.toLowerCase() : text) === wanted;
  };
}
