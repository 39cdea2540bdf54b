import type { DependencyEdge, ServiceMapEdge } from '../store.js';
import { ENTRY_CALLER } from './entryCall.js';
import { addEncodedToDense, histogramCounts, histogramQuantile, newDenseHistogram, newHistogram, type LatencyHistogram } from './latencyHistogram.js';
import { parseCalleeName, peerOfCalleeName } from './virtualCallee.js';

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

/** Rows of one edge added up; the histogram dense (HISTOGRAM_BUCKETS counts). */
interface MergedEdge {
  parent: string;
  child: string;
  virtual: boolean;
  calls: number;
  errors: number;
  faults: number;
  throttles: number;
  min: bigint;
  max: bigint;
  histogram: Float64Array;
}

/**
 * Adds rows up per (parent, `childOf(row)`), in first-seen order; rows whose child is undefined are left out. By
 * parent, then child (no key string per row); histograms are added up dense, to be made sparse once per edge.
 */
function mergeRows(rows: Iterable<StoredEdgeRow>, childOf: (r: StoredEdgeRow) => string | undefined): MergedEdge[] {
  const byParent = new Map<string, Map<string, MergedEdge>>();
  const merged: MergedEdge[] = [];
  for (const r of rows) {
    const child = childOf(r);
    if (child === undefined) continue;
    let byChild = byParent.get(r.parent);
    if (byChild === undefined) byParent.set(r.parent, (byChild = new Map()));
    let m = byChild.get(child);
    if (m === undefined) {
      m = { parent: r.parent, child, virtual: true, calls: 0, errors: 0, faults: 0, throttles: 0, min: r.minNanos, max: r.maxNanos, histogram: newDenseHistogram() };
      byChild.set(child, m);
      merged.push(m);
    }
    m.calls += r.calls;
    m.errors += r.errors;
    m.faults += r.faults;
    m.throttles += r.throttles;
    m.virtual &&= r.virtual;
    if (r.minNanos < m.min) m.min = r.minNanos;
    if (r.maxNanos > m.max) m.max = r.maxNanos;
    addEncodedToDense(m.histogram, r.histogram);
  }
  return merged;
}

function sparse(dense: Float64Array): LatencyHistogram {
  const histogram = newHistogram();
  for (let i = 0; i < dense.length; i++) if ((dense[i] as number) > 0) histogram.set(i, dense[i] as number);
  return histogram;
}

const byParentThenChild = (a: { parent: string; child: string }, b: { parent: string; child: string }) =>
  a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : a.child < b.child ? -1 : a.child > b.child ? 1 : 0;

/**
 * Sums rows per (parent, child), sorted by parent then child: the dependency graph every API shows. An edge is
 * virtual when every row of it is and its child never sent spans itself (`isService` says whether it did). Calls to
 * AWS count toward their peer name (virtualCallee.ts; those naming none are left out), and entry calls are left out.
 */
export function summarizeEdges(rows: Iterable<StoredEdgeRow>, isService: (name: string) => boolean): DependencyEdge[] {
  const merged = mergeRows(rows, (r) => {
    if (r.parent === ENTRY_CALLER) return undefined;
    const peer = peerOfCalleeName(r.child);
    return peer === '' ? undefined : peer;
  });
  const edges = merged.map((m): DependencyEdge => {
    const histogram = sparse(m.histogram);
    return {
      parent: m.parent, child: m.child, callCount: m.calls, errorCount: m.errors, faultCount: m.faults, throttleCount: m.throttles,
      p50Nanos: histogramQuantile(histogram, 0.5, m.min, m.max),
      p99Nanos: histogramQuantile(histogram, 0.99, m.min, m.max),
      virtual: m.virtual && !isService(m.child),
    };
  });
  return edges.sort(byParentThenChild);
}

/**
 * The service map's edges (StoreReader.getServiceMap): as summarizeEdges, but a call to AWS goes to the resource it
 * reached (typed, named by the resource), entry calls are kept (no parent), and each edge has its latency histogram.
 * Sorted by parent (entry calls first), then child.
 */
export function summarizeServiceMapEdges(rows: Iterable<StoredEdgeRow>, isService: (name: string) => boolean): ServiceMapEdge[] {
  const edges = mergeRows(rows, (r) => r.child).map((m): ServiceMapEdge => {
    const callee = parseCalleeName(m.child);
    const histogram = sparse(m.histogram);
    const name = callee.resource?.name ?? callee.peer;
    return {
      parent: m.parent === ENTRY_CALLER ? undefined : m.parent,
      child: name,
      ...(callee.resource === undefined ? {} : { childType: callee.resource.type }),
      callCount: m.calls, errorCount: m.errors, faultCount: m.faults, throttleCount: m.throttles,
      virtual: m.virtual && (callee.resource !== undefined || !isService(name)),
      latencies: histogramCounts(histogram, m.min, m.max),
    };
  });
  return edges.sort((a, b) => byParentThenChild({ parent: a.parent ?? '', child: a.child }, { parent: b.parent ?? '', child: b.child }) || (a.childType ?? '').localeCompare(b.childType ?? ''));
}
