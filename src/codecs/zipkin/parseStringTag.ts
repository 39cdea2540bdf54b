import type { AnyValue } from '../../model/span.js';

const INT = /^-?\d+$/;
const DOUBLE = /^-?\d+\.\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A tag value typed by the collector's `parse_string_tags` rules (spec section 2.5): `-?\d+` is int64, `-?\d+\.\d+`
 * double, `true`/`false` bool, anything else (including `1e5`, `+1`, `True`, JSON text) stays a string. Unlike the
 * collector, an integer outside int64 stays a string instead of becoming int64's maximum.
 */
export function parseStringTag(value: string): AnyValue {
  if (INT.test(value)) {
    const n = BigInt(value);
    return n >= INT64_MIN && n <= INT64_MAX ? n : value;
  }
  if (DOUBLE.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
