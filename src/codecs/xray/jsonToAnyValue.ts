import type { AnyValue } from '../../model/span.js';

/**
 * A parsed JSON value as an attribute value: safe integers as int64, other numbers as double, objects as kvlists.
 * `anyValueToJson` (src/model/attributes.ts) is the inverse at the level of parsed JSON.
 */
export function jsonToAnyValue(v: unknown): AnyValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(jsonToAnyValue);
  if (typeof v === 'object') {
    const out = new Map<string, AnyValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out.set(k, jsonToAnyValue(x));
    return out;
  }
  return null;
}
