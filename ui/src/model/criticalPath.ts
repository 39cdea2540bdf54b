import type { Nanos } from './time.js';
import { nanos } from './time.js';
import type { Trace } from './trace.js';

/** A stretch of one span's time that lies on the critical path (offsets from the trace start). */
export interface CriticalSegment {
  readonly spanIndex: number;
  readonly start: Nanos;
  readonly end: Nanos;
}

export interface CriticalPath {
  readonly segments: readonly CriticalSegment[];
  /** Segments per span index, by start. */
  readonly bySpan: ReadonlyMap<number, readonly CriticalSegment[]>;
}

/**
 * The critical path of a trace, as Jaeger UI computes it (jaeger-ui `TracePage/CriticalPath`): start at the root that
 * ends last; walking back from its end, the last-finishing child that ends before the current point is what the
 * parent waited for, so the path descends into it and then continues in the parent from that child's start. Children
 * are first clipped to their parent's time (clock skew), and ones wholly outside it are ignored. Iterative, O(n log n).
 */
export function computeCriticalPath(trace: Trace): CriticalPath {
  const { spans } = trace;
  if (spans.length === 0) return { segments: [], bySpan: new Map() };
  const effStart = new Float64Array(spans.length);
  const effEnd = new Float64Array(spans.length);
  const dropped = new Uint8Array(spans.length);
  // Parents precede children in Trace.spans, so one forward pass clips every span to its (clipped) parent.
  for (const s of spans) {
    let start: number = s.offset;
    let end: number = s.offset + s.duration;
    if (s.parentIndex !== -1) {
      const p = s.parentIndex;
      if (dropped[p] || start >= effEnd[p] || end <= effStart[p]) dropped[s.index] = 1;
      start = Math.max(start, effStart[p]);
      end = Math.min(end, effEnd[p]);
    }
    effStart[s.index] = start;
    effEnd[s.index] = end;
  }

  let root = trace.rootIndexes[0] ?? 0;
  for (const r of trace.rootIndexes) {
    if (effEnd[r] > effEnd[root] || (effEnd[r] === effEnd[root] && effStart[r] < effStart[root])) root = r;
  }

  const byEndDesc = new Map<number, number[]>();
  const cursor = new Map<number, number>();
  const childrenByEnd = (i: number): number[] => {
    let list = byEndDesc.get(i);
    if (list === undefined) {
      list = spans[i].childIndexes.filter((c) => !dropped[c]).sort((a, b) => effEnd[b] - effEnd[a] || effStart[a] - effStart[b]);
      byEndDesc.set(i, list);
      cursor.set(i, 0);
    }
    return list;
  };

  const segments: CriticalSegment[] = [];
  const stack: [number, number][] = [[root, effEnd[root]]];
  while (stack.length > 0) {
    const [i, upTo] = stack.pop() as [number, number];
    const kids = childrenByEnd(i);
    let k = cursor.get(i) as number;
    while (k < kids.length && effEnd[kids[k]] > upTo) k++;
    if (k < kids.length) {
      const c = kids[k];
      cursor.set(i, k + 1);
      if (upTo > effEnd[c]) segments.push({ spanIndex: i, start: nanos(effEnd[c]), end: nanos(upTo) });
      stack.push([i, effStart[c]], [c, effEnd[c]]);
    } else {
      cursor.set(i, k);
      if (upTo > effStart[i]) segments.push({ spanIndex: i, start: nanos(effStart[i]), end: nanos(upTo) });
    }
  }

  segments.sort((a, b) => a.start - b.start);
  const bySpan = new Map<number, CriticalSegment[]>();
  for (const seg of segments) {
    const list = bySpan.get(seg.spanIndex);
    if (list) list.push(seg);
    else bySpan.set(seg.spanIndex, [seg]);
  }
  return { segments, bySpan };
}
