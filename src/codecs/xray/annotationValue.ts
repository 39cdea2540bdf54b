import type { AnyValue } from '../../model/span.js';

/** What an X-Ray annotation may hold: a string, a number or a boolean (never an object or array). */
export type AnnotationValue = string | number | boolean;

/** A value as an annotation: strings, booleans, finite doubles and int64 (as a number); anything else cannot be one. */
export function annotationValue(v: AnyValue): AnnotationValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}
