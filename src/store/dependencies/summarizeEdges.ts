import type { DependencyEdge } from '../store.js';
import { addEncodedHistogram, histogramQuantile, newHistogram, type LatencyHistogram } from './latencyHistogram.js';

/** One stored row of edge counts (a minute or a longer rollup), as stores read it back. */
export interface StoredEdgeRow {
  parent: string;
  child: string;
  virtual: boolean;
  calls: number;
  errors: number;
  faults: number;
  throttles: number;
  minNanos: bigint;
  maxNanos: bigint;
  /** encodeHistogram() bytes. */
  histogram: Uint8Array;
}

/**
 * Sums rows per (parent, child), sorted by parent then child. An edge is virtual when every row of it is and its
 * child never sent spans itself (`isService` says whether it did).
 */
export function summarizeEdges(rows: Iterable<StoredEdgeRow>, isService: (name: string) => boolean): DependencyEdge[] {
  const merged = new Map<string, { edge: Omit<DependencyEdge, 'p50Nanos' | 'p99Nanos'>; min: bigint; max: bigint; histogram: LatencyHistogram }>();
  for (const r of rows) {
    const k = `${r.parent}\u0000${r.child}`;
    let m = merged.get(k);
    if (m === undefined) {
      m = { edge: { parent: r.parent, child: r.child, callCount: 0, errorCount: 0, faultCount: 0, throttleCount: 0, virtual: true }, min: r.minNanos, max: r.maxNanos, histogram: newHistogram() };
      merged.set(k, m);
    }
    m.edge.callCount += r.calls;
    m.edge.errorCount += r.errors;
    m.edge.faultCount += r.faults;
    m.edge.throttleCount += r.throttles;
    m.edge.virtual &&= r.virtual;
    if (r.minNanos < m.min) m.min = r.minNanos;
    if (r.maxNanos > m.max) m.max = r.maxNanos;
    addEncodedHistogram(m.histogram, r.histogram);
  }
  const edges = [...merged.values()].map(({ edge, min, max, histogram }) => ({
    ...edge,
    p50Nanos: histogramQuantile(histogram, 0.5, min, max),
    p99Nanos: histogramQuantile(histogram, 0.99, min, max),
    virtual: edge.virtual && !isService(edge.child),
  }));
  return edges.sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
}
