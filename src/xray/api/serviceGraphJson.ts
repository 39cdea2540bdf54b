/** Call counts of a node or an edge, as X-Ray's EdgeStatistics / ServiceStatistics split them. */
export interface CallStatistics {
  total: number;
  /** 4xx other than 429. */
  error: number;
  /** 429. */
  throttle: number;
  /** 5xx. */
  fault: number;
  /** Seconds, summed over the calls; absent when not known (edges from the store carry percentiles only). */
  totalResponseTime?: number;
  /** Seconds of each call, for the histograms; absent when not known. */
  responseTimes?: number[];
}

export interface GraphNode {
  name: string;
  /** `AWS::EC2::Instance`, `remote`, ... (X-Ray's node types); omitted when unknown. */
  type?: string;
  /** X-Ray's `active` for a service that sends segments, `unknown` for an inferred (uninstrumented) one. */
  state: 'active' | 'unknown';
  /** Calls the node served (its incoming calls, or its own segments). */
  statistics?: CallStatistics;
}

export interface GraphEdge {
  from: string;
  to: string;
  statistics: CallStatistics;
}

export function emptyStatistics(withTimes: boolean): CallStatistics {
  return withTimes ? { total: 0, error: 0, throttle: 0, fault: 0, totalResponseTime: 0, responseTimes: [] } : { total: 0, error: 0, throttle: 0, fault: 0 };
}

/** X-Ray's histogram: response times in seconds (rounded to milliseconds) with their counts, ascending. */
function histogram(times: readonly number[]): Array<{ Value: number; Count: number }> {
  const counts = new Map<number, number>();
  for (const t of times) {
    const v = Math.round(t * 1000) / 1000;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => a[0] - b[0]).map(([Value, Count]) => ({ Value, Count }));
}

function statisticsJson(s: CallStatistics): Record<string, unknown> {
  const out: Record<string, unknown> = {
    OkCount: Math.max(0, s.total - s.error - s.throttle - s.fault),
    ErrorStatistics: { ThrottleCount: s.throttle, OtherCount: s.error, TotalCount: s.throttle + s.error },
    FaultStatistics: { OtherCount: s.fault, TotalCount: s.fault },
    TotalCount: s.total,
  };
  if (s.totalResponseTime !== undefined) out.TotalResponseTime = Math.round(s.totalResponseTime * 1e6) / 1e6;
  return out;
}

/**
 * The `Services` list of GetServiceGraph / GetTraceGraph (X-Ray API reference, Service and Edge): nodes sorted by
 * name with ReferenceIds in that order, each with its outgoing edges; `Root` marks nodes nothing calls.
 */
export function servicesJson(nodes: readonly GraphNode[], edges: readonly GraphEdge[], startSeconds: number, endSeconds: number): Record<string, unknown>[] {
  const sorted = [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const refs = new Map(sorted.map((n, i) => [n.name, i]));
  const called = new Set(edges.map((e) => e.to));
  return sorted.map((n, i) => {
    const out: Record<string, unknown> = { ReferenceId: i, Name: n.name, Names: [n.name] };
    if (!called.has(n.name)) out.Root = true;
    if (n.type !== undefined) out.Type = n.type;
    out.State = n.state;
    out.StartTime = startSeconds;
    out.EndTime = endSeconds;
    out.Edges = edges.filter((e) => e.from === n.name && refs.has(e.to)).map((e) => {
      const edge: Record<string, unknown> = { ReferenceId: refs.get(e.to), StartTime: startSeconds, EndTime: endSeconds, SummaryStatistics: statisticsJson(e.statistics) };
      if (e.statistics.responseTimes !== undefined) edge.ResponseTimeHistogram = histogram(e.statistics.responseTimes);
      edge.Aliases = [];
      return edge;
    });
    if (n.statistics !== undefined) {
      out.SummaryStatistics = statisticsJson(n.statistics);
      if (n.statistics.responseTimes !== undefined) {
        out.DurationHistogram = histogram(n.statistics.responseTimes);
        out.ResponseTimeHistogram = histogram(n.statistics.responseTimes);
      }
    }
    return out;
  });
}
