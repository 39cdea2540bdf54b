import type { AnyValue } from '../../model/span.js';

/**
 * A parsed JSON value as an attribute value, for the JSON inside `name|{attrs}|n` annotations and `otlp.link.N` tags:
 * integral numbers are int64, other numbers double, objects kvlists. (The encoder writes int64 and double alike as JSON
 * numbers, so a double with an integral value comes back as int64.)
 */
export function jsonToAnyValue(v: unknown): AnyValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(jsonToAnyValue);
  if (typeof v === 'object') return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, jsonToAnyValue(x)]));
  return null;
}
