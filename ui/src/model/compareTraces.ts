import type { Nanos } from './time.js';
import { nanos } from './time.js';
import type { Trace } from './trace.js';

export interface SideStats {
  readonly count: number;
  readonly errors: number;
  /** Sum of the spans' durations. */
  readonly total: Nanos;
  /** Mean span duration; undefined when the side has no such span. */
  readonly mean: Nanos | undefined;
}

/** One service/operation pair across the two traces. */
export interface CompareRow {
  readonly service: string;
  readonly operation: string;
  readonly a: SideStats;
  readonly b: SideStats;
  /** b.count - a.count. */
  readonly countDelta: number;
  /** b.mean - a.mean, when both sides have the operation. */
  readonly meanDelta: Nanos | undefined;
}

export interface ServiceCompareRow {
  readonly service: string;
  readonly a: number;
  readonly b: number;
}

export interface TraceComparison {
  /** By service, then operation. */
  readonly rows: readonly CompareRow[];
  readonly services: readonly ServiceCompareRow[];
  /** b.duration - a.duration. */
  readonly durationDelta: Nanos;
  readonly spanCountDelta: number;
}

interface Acc {
  count: number;
  errors: number;
  total: number;
}

/** Span counts per service and per service/operation, and duration differences, of trace b against trace a. */
export function compareTraces(a: Trace, b: Trace): TraceComparison {
  const accA = accumulate(a);
  const accB = accumulate(b);
  const keys = [...new Set([...accA.keys(), ...accB.keys()])];
  const rows: CompareRow[] = keys.map((key) => {
    const [service, operation] = JSON.parse(key) as [string, string];
    const sa = stats(accA.get(key));
    const sb = stats(accB.get(key));
    return {
      service,
      operation,
      a: sa,
      b: sb,
      countDelta: sb.count - sa.count,
      meanDelta: sa.mean !== undefined && sb.mean !== undefined ? nanos(sb.mean - sa.mean) : undefined,
    };
  });
  rows.sort((x, y) => compareText(x.service, y.service) || compareText(x.operation, y.operation));

  const perService = new Map<string, { a: number; b: number }>();
  for (const r of rows) {
    const entry = perService.get(r.service) ?? { a: 0, b: 0 };
    entry.a += r.a.count;
    entry.b += r.b.count;
    perService.set(r.service, entry);
  }
  return {
    rows,
    services: [...perService].map(([service, c]) => ({ service, a: c.a, b: c.b })),
    durationDelta: nanos(b.duration - a.duration),
    spanCountDelta: b.spans.length - a.spans.length,
  };
}

function accumulate(t: Trace): Map<string, Acc> {
  const out = new Map<string, Acc>();
  for (const s of t.spans) {
    const key = JSON.stringify([s.service, s.name]);
    const acc = out.get(key) ?? { count: 0, errors: 0, total: 0 };
    acc.count++;
    acc.total += s.duration;
    if (s.isError) acc.errors++;
    out.set(key, acc);
  }
  return out;
}

function stats(acc: Acc | undefined): SideStats {
  if (acc === undefined) return { count: 0, errors: 0, total: nanos(0), mean: undefined };
  return { count: acc.count, errors: acc.errors, total: nanos(acc.total), mean: nanos(acc.total / acc.count) };
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
