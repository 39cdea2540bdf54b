import type { Nanos, UnixNanos } from './time.js';
import { unixNanosToMillis } from './time.js';

const UNITS: readonly [number, string][] = [
  [3_600e9, 'h'],
  [60e9, 'm'],
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
];

/** A duration in the largest unit that keeps it at least 1, with three significant digits: `1.23ms`, `850µs`. */
export function formatDuration(d: Nanos): string {
  const abs = Math.abs(d);
  for (const [size, name] of UNITS) {
    if (abs >= size) return `${trimNumber(d / size)}${name}`;
  }
  return `${Math.round(d)}ns`;
}

/** A signed difference: `+1.2ms`, `-300µs`, `0`. */
export function formatDurationDelta(d: Nanos): string {
  if (d === 0) return '0';
  return (d > 0 ? '+' : '') + formatDuration(d);
}

function trimNumber(v: number): string {
  return String(Number(v.toPrecision(3)));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local time with milliseconds: `2024-05-01 13:45:07.123`. */
export function formatTimestamp(t: UnixNanos): string {
  const d = new Date(unixNanosToMillis(t));
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** A request rate with three significant digits in the largest unit that keeps it at least 1: `12.5/s`, `2/min`, `3/h`. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond >= 1) return `${trimNumber(perSecond)}/s`;
  if (perSecond * 60 >= 1) return `${trimNumber(perSecond * 60)}/min`;
  return `${trimNumber(perSecond * 3600)}/h`;
}

/** A share as a percentage with one decimal: `12.5%`. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

export function shortId(id: string): string {
  return id.slice(0, 7);
}
