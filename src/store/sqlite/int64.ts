const INT64_MAX = (1n << 63n) - 1n;

/**
 * A time or duration clamped into SQLite's INTEGER range (OTLP times are unsigned 64-bit). Index columns and
 * summaries use it; span bodies keep the exact values.
 */
export function int64(v: bigint): bigint {
  return v < 0n ? 0n : v > INT64_MAX ? INT64_MAX : v;
}
