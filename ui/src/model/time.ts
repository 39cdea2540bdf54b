// Branded time units (the Jaeger UI's `Microseconds` idea): a value's unit is part of its type, so a
// nanosecond offset cannot be passed where a Unix timestamp is expected. Absolute times stay bigint because Unix
// nanoseconds exceed 2^53; offsets and durations inside one trace are exact as numbers (below 2^53 ns = 104 days).

declare const unit: unique symbol;

/** Nanoseconds since the Unix epoch. */
export type UnixNanos = bigint & { readonly [unit]: 'UnixNanos' };
/** A duration, or an offset from a trace's start, in nanoseconds. */
export type Nanos = number & { readonly [unit]: 'Nanos' };
/** Milliseconds since the Unix epoch (what `Date` and the API's time parameters use). */
export type UnixMillis = number & { readonly [unit]: 'UnixMillis' };

export function unixNanos(value: bigint): UnixNanos {
  return value as UnixNanos;
}

export function nanos(value: number): Nanos {
  return value as Nanos;
}

export function unixMillis(value: number): UnixMillis {
  return value as UnixMillis;
}

/** `to - from` as a duration. */
export function nanosBetween(from: UnixNanos, to: UnixNanos): Nanos {
  return Number(to - from) as Nanos;
}

export function unixNanosToMillis(t: UnixNanos): UnixMillis {
  return Number(t / 1_000_000n) as UnixMillis;
}

export function addNanos(t: UnixNanos, d: Nanos): UnixNanos {
  return (t + BigInt(Math.round(d))) as UnixNanos;
}
