import type { AnyValue } from '../../model/span.js';

// Decimal strings from Envoy tags, parsed without regular expressions (this runs on every sidecar span).

/** A non-negative decimal integer of at most 15 digits (exact as a double), or undefined. */
export function parseDecimal(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 15) return undefined;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  return v;
}

/** A TCP/UDP port, 1-65535. */
export function parsePort(s: string): number | undefined {
  const v = parseDecimal(s);
  return v !== undefined && v >= 1 && v <= 65535 ? v : undefined;
}

/**
 * A count from a tag: a decimal string, or the int64/double a receiver with typed tags (the Collector's
 * `parse_string_tags`, docs/zipkin-mesh.md, "Tags and typed values") made of it.
 */
export function readCount(v: AnyValue | undefined): number | undefined {
  if (typeof v === 'string') return parseDecimal(v);
  if (typeof v === 'bigint') return v >= 0n && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  return undefined;
}
