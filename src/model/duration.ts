// Durations in Go's time.ParseDuration grammar (https://pkg.go.dev/time#ParseDuration), the one notation of the
// configuration (as in the OpenTelemetry Collector), the query APIs' duration parameters (Jaeger's query service reads
// minDuration/maxDuration with it) and the UI's duration fields: one or more decimal numbers, each with an optional
// fraction and a unit ns, us, µs (U+00B5 or U+03BC), ms, s, m or h, such as "250ms", "1.5s", "10us" or "1h30m"; "0"
// alone needs no unit; a leading "+" is allowed. Negative durations mean nothing here and are refused.
//
// No imports: the UI bundles this file as it is (ui/src imports it by a relative path).

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};
const PART = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;
/** Longer text is refused unread (a query parameter can be anything). */
const MAX_TEXT = 64;
const NANOS_PER_MILLI = 1_000_000n;

/** The grammar as a JSON Schema `pattern` (for configuration schemas); parseDurationNanos is the same rule. */
export const DURATION_PATTERN = '^\\+?(0|((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)$';

/** Nanoseconds in a duration (fractions below a nanosecond are dropped), or undefined when the text is not one. */
export function parseDurationNanos(text: string): bigint | undefined {
  const s = text.startsWith('+') ? text.slice(1) : text;
  if (s === '0') return 0n;
  if (s === '' || s.length > MAX_TEXT) return undefined;
  let total = 0n;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const m = PART.exec(s);
    if (!m) return undefined;
    const [, whole = '', frac = '', unit = ''] = m;
    if (whole === '' && frac === '') return undefined;
    const scale = UNIT_NANOS[unit] as bigint;
    total += BigInt(whole || '0') * scale;
    if (frac !== '') total += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
  }
  return total;
}

/** Whether the text is a duration. */
export function isDuration(text: string): boolean {
  return parseDurationNanos(text) !== undefined;
}

/** Nanoseconds as milliseconds, keeping the fraction ("250us" is 0.25). */
export function nanosToMillis(nanos: bigint): number {
  return Number(nanos / NANOS_PER_MILLI) + Number(nanos % NANOS_PER_MILLI) / 1e6;
}

/** Milliseconds in a duration (with a fraction below a millisecond); throws on text that is not one. */
export function parseDurationMillis(text: string): number {
  const nanos = parseDurationNanos(text);
  if (nanos === undefined) throw new RangeError(`invalid duration "${text}": expected numbers with units (ns, us, ms, s, m, h), like "5s" or "1m30s"`);
  return nanosToMillis(nanos);
}
