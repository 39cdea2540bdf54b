import type { DependencyEdge, TraceSummary } from '../../store/store.js';

// The JSON shapes of docs/api-native.md. Nanosecond values are decimal strings: they exceed 2^53.

export interface TraceSummaryJson {
  traceId: string;
  rootService: string;
  rootOperation: string;
  startTimeUnixNano: string;
  durationNanos: string;
  spanCount: number;
  errorCount: number;
  services: Array<{ service: string; spanCount: number; errorCount: number }>;
}

export interface EdgeJson {
  parent: string;
  child: string;
  callCount: number;
  errorCount: number;
  faultCount: number;
  throttleCount: number;
  p50Nanos: string;
  p99Nanos: string;
  virtual: boolean;
}

export interface NodeJson {
  name: string;
  virtual: boolean;
  callsIn: number;
  errorsIn: number;
  faultsIn: number;
  throttlesIn: number;
}

export function traceSummaryJson(s: TraceSummary): TraceSummaryJson {
  return {
    traceId: s.traceId,
    rootService: s.rootService,
    rootOperation: s.rootOperation,
    startTimeUnixNano: s.startTimeUnixNano.toString(),
    durationNanos: s.durationNanos.toString(),
    spanCount: s.spanCount,
    errorCount: s.errorCount,
    services: s.services.map((x) => ({ service: x.service, spanCount: x.spanCount, errorCount: x.errorCount })),
  };
}

export function edgeJson(e: DependencyEdge): EdgeJson {
  return {
    parent: e.parent,
    child: e.child,
    callCount: e.callCount,
    errorCount: e.errorCount,
    faultCount: e.faultCount,
    throttleCount: e.throttleCount,
    p50Nanos: e.p50Nanos.toString(),
    p99Nanos: e.p99Nanos.toString(),
    virtual: e.virtual,
  };
}

/**
 * The service-map graph: every service named by an edge is a node (sorted by name) with the sums over the edges into
 * it; a node is virtual when an edge into it says so (the callee sends no spans of its own).
 */
export function dependencyGraphJson(edges: readonly DependencyEdge[]): { nodes: NodeJson[]; edges: EdgeJson[] } {
  const nodes = new Map<string, NodeJson>();
  const node = (name: string): NodeJson => {
    let n = nodes.get(name);
    if (n === undefined) nodes.set(name, (n = { name, virtual: false, callsIn: 0, errorsIn: 0, faultsIn: 0, throttlesIn: 0 }));
    return n;
  };
  for (const e of edges) {
    node(e.parent);
    const child = node(e.child);
    child.virtual ||= e.virtual;
    child.callsIn += e.callCount;
    child.errorsIn += e.errorCount;
    child.faultsIn += e.faultCount;
    child.throttlesIn += e.throttleCount;
  }
  return { nodes: [...nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), edges: edges.map(edgeJson) };
}
