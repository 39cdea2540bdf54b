// Conversions between the units the query APIs speak (Jaeger: microseconds; Zipkin and dependency windows:
// milliseconds) and the store's nanoseconds.

export const NANOS_PER_MICRO = 1_000n;
export const NANOS_PER_MILLI = 1_000_000n;

export function nowNanos(): bigint {
  return BigInt(Date.now()) * NANOS_PER_MILLI;
}

/** Whole microseconds (truncated, like Go's Duration/Microsecond), never negative, as a JSON-safe number. */
export function nanosToMicros(nanos: bigint): number {
  return nanos <= 0n ? 0 : Number(nanos / NANOS_PER_MICRO);
}
