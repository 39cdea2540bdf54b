import type { DependencyEdge } from '../store.js';
import { addEncodedToDense, histogramQuantile, newDenseHistogram, newHistogram } from './latencyHistogram.js';

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
  // By parent, then child (no key string per row); histograms are added up dense, then made sparse once per edge.
  const byParent = new Map<string, Map<string, { edge: Omit<DependencyEdge, 'p50Nanos' | 'p99Nanos'>; min: bigint; max: bigint; histogram: Float64Array }>>();
  const merged: { edge: Omit<DependencyEdge, 'p50Nanos' | 'p99Nanos'>; min: bigint; max: bigint; histogram: Float64Array }[] = [];
  for (const r of rows) {
    let byChild = byParent.get(r.parent);
    if (byChild === undefined) byParent.set(r.parent, (byChild = new Map()));
    let m = byChild.get(r.child);
    if (m === undefined) {
      m = { edge: { parent: r.parent, child: r.child, callCount: 0, errorCount: 0, faultCount: 0, throttleCount: 0, virtual: true }, min: r.minNanos, max: r.maxNanos, histogram: newDenseHistogram() };
      byChild.set(r.child, m);
      merged.push(m);
    }
    m.edge.callCount += r.calls;
    m.edge.errorCount += r.errors;
    m.edge.faultCount += r.faults;
    m.edge.throttleCount += r.throttles;
    m.edge.virtual &&= r.virtual;
    if (r.minNanos < m.min) m.min = r.minNanos;
    if (r.maxNanos > m.max) m.max = r.maxNanos;
    addEncodedToDense(m.histogram, r.histogram);
  }
  const edges = merged.map(({ edge, min, max, histogram: dense }) => {
    const histogram = newHistogram();
    for (let i = 0; i < dense.length; i++) if ((dense[i] as number) > 0) histogram.set(i, dense[i] as number);
    return {
      ...edge,
      p50Nanos: histogramQuantile(histogram, 0.5, min, max),
      p99Nanos: histogramQuantile(histogram, 0.99, min, max),
      virtual: edge.virtual && !isService(edge.child),
    };
  });
  return edges.sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
}
