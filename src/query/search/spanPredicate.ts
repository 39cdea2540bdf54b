import type { ResourceSpans, ScopeSpans, Span } from '../../model/span.js';

/** A condition one span must meet (with its resource and scope), for filters the store cannot apply itself. */
export type SpanPredicate = (span: Span, rs: ResourceSpans, ss: ScopeSpans) => boolean;

/** Every predicate holds for the span (an empty list always holds). */
export function allOf(predicates: readonly SpanPredicate[]): SpanPredicate {
  return (span, rs, ss) => predicates.every((p) => p(span, rs, ss));
}
