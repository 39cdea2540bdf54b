import type { CriticalPath } from './criticalPath.js';
import type { Interval } from './intervals.js';
import type { MeshTiming } from './meshTime.js';
import type { Nanos } from './time.js';
import { nanos } from './time.js';
import type { Trace } from './trace.js';

/** A part of a span's bar, as fractions (0..1) of the bar's own width. */
export type BarPart = readonly [number, number];

/**
 * Everything a waterfall row draws, computed once per trace so that rendering a row is O(1) (the page must stay
 * responsive on a 10,000-span trace). Bar positions are fractions of the trace duration.
 */
export interface WaterfallLayout {
  readonly left: Float64Array;
  readonly width: Float64Array;
  /** Critical-path stretches per span, relative to its bar. */
  readonly criticalParts: ReadonlyMap<number, readonly BarPart[]>;
  /** For sidecar spans: the stretches covered by application spans, relative to its bar (the rest is mesh time). */
  readonly appParts: ReadonlyMap<number, readonly BarPart[]>;
}

export function computeWaterfallLayout(trace: Trace, critical: CriticalPath, mesh: MeshTiming): WaterfallLayout {
  const total = trace.duration > 0 ? trace.duration : 1;
  const n = trace.spans.length;
  const left = new Float64Array(n);
  const width = new Float64Array(n);
  for (const s of trace.spans) {
    left[s.index] = s.offset / total;
    width[s.index] = s.duration / total;
  }
  const criticalParts = new Map<number, BarPart[]>();
  for (const [i, segs] of critical.bySpan) {
    criticalParts.set(i, relativeParts(trace.spans[i].offset, trace.spans[i].duration, segs.map((g) => [g.start, g.end] as const)));
  }
  const appParts = new Map<number, BarPart[]>();
  for (const [i, split] of mesh.bySpan) {
    appParts.set(i, relativeParts(trace.spans[i].offset, trace.spans[i].duration, split.appIntervals));
  }
  return { left, width, criticalParts, appParts };
}

function relativeParts(offset: Nanos, duration: Nanos, intervals: readonly Interval[]): BarPart[] {
  if (duration <= 0) return intervals.length > 0 ? [[0, 1]] : [];
  return intervals.map(([a, b]) => [(a - offset) / duration, (b - offset) / duration] as const);
}

export interface Tick {
  readonly fraction: number;
  readonly offset: Nanos;
}

/** `count + 1` evenly spaced ticks from 0 to the trace duration. */
export function timeTicks(duration: Nanos, count = 4): Tick[] {
  const out: Tick[] = [];
  for (let k = 0; k <= count; k++) out.push({ fraction: k / count, offset: nanos((duration * k) / count) });
  return out;
}
