// Durations in the Collector's notation ("5s", "200ms", "1m30s", "1h"); Go's time.ParseDuration units.
import { Type, type TString } from '@sinclair/typebox';

const UNIT_MILLIS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;

export const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+$|^0$';

/** Milliseconds in a duration string; throws on anything else. */
export function parseDurationMillis(text: string): number {
  if (text === '0') return 0;
  let total = 0;
  PART.lastIndex = 0;
  let matched = 0;
  while (PART.lastIndex < text.length) {
    const m = PART.exec(text);
    if (!m) throw new Error(`invalid duration "${text}": expected a number and a unit (ns, us, ms, s, m, h), like "5s"`);
    total += Number(m[1]) * (UNIT_MILLIS[m[2] as string] ?? 0);
    matched++;
  }
  if (matched === 0) throw new Error(`invalid duration "${text}"`);
  return total;
}

/** A duration setting with its default; the description gains the notation. */
export function durationSchema(defaultValue: string, description: string): TString {
  return Type.String({ pattern: DURATION_PATTERN, default: defaultValue, description: `${description}; a duration like "5s" or "200ms"` });
}
