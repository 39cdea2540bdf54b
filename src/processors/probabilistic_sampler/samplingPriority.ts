import type { Span } from '../../model/span.js';

/** The OpenTracing `sampling.priority` span tag (https://github.com/opentracing/specification, semantic_conventions.md). */
export const SAMPLING_PRIORITY = 'sampling.priority';

/**
 * What a span's `sampling.priority` asks for, read as the Collector's `parseSpanSamplingPriority` does: an int, a
 * double, or a string holding a decimal number; 0 drops the span, any other value keeps it. Anything else (absent,
 * bool, unparsable text) leaves the decision to the trace-id hash.
 */
export function samplingPriority(span: Span): 'keep' | 'drop' | undefined {
  const v = span.attributes.get(SAMPLING_PRIORITY);
  if (typeof v === 'bigint') return v === 0n ? 'drop' : 'keep';
  if (typeof v === 'number') return v === 0 ? 'drop' : 'keep';
  if (typeof v !== 'string' || v.trim() !== v || v === '') return undefined;
  const n = Number(v);
  if (Number.isNaN(n)) return undefined;
  return n === 0 ? 'drop' : 'keep';
}
