// Go's time.ParseDuration grammar (https://pkg.go.dev/time#ParseDuration): one or more decimal numbers, each with an
// optional fraction and a unit ns, us, µs (U+00B5 or U+03BC), ms, s, m, h, e.g. "1.2ms", "100us", "1h30m"; "0" alone
// needs no unit. Jaeger's query service reads minDuration/maxDuration with it (cmd/query/app/query_parser.go).
// Negative durations mean nothing for a span filter and are refused.

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};
const PART = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;
const MAX_TEXT = 64;

/** Nanoseconds in a Go duration string (fractions below a nanosecond are dropped), or undefined if it is not one. */
export function parseGoDurationNanos(text: string): bigint | undefined {
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
