import type { DependencyGraph } from '../model/dependencies.js';
import type { TraceSearchPage, TraceSummary } from '../model/summary.js';
import { nanos, unixNanos } from '../model/time.js';
import type { DependenciesWire, TraceSearchWire, TraceSummaryWire } from './nativeSchemas.js';

export function translateSummary(w: TraceSummaryWire): TraceSummary {
  return {
    traceId: w.traceId,
    rootService: w.rootService,
    rootOperation: w.rootOperation,
    start: unixNanos(w.startTimeUnixNano),
    duration: nanos(Number(w.durationNanos)),
    spanCount: w.spanCount,
    errorCount: w.errorCount,
    services: w.services,
  };
}

export function translateSearch(w: TraceSearchWire): TraceSearchPage {
  return { traces: w.traces.map(translateSummary), nextCursor: w.nextCursor === '' ? undefined : w.nextCursor };
}

export function translateDependencies(w: DependenciesWire): DependencyGraph {
  return {
    nodes: w.nodes,
    edges: w.edges.map((e) => ({
      parent: e.parent,
      child: e.child,
      callCount: e.callCount,
      errorCount: e.errorCount,
      faultCount: e.faultCount,
      throttleCount: e.throttleCount,
      p50: nanos(Number(e.p50Nanos)),
      p99: nanos(Number(e.p99Nanos)),
      virtual: e.virtual,
    })),
  };
}
