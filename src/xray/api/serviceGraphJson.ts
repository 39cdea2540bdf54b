// The graph GetServiceGraph and GetTraceGraph answer with, and its JSON: X-Ray API reference, Service, Edge,
// ServiceStatistics, EdgeStatistics and HistogramEntry, in the shapes of the developer guide's GetServiceGraph example
// (docs/xray-mapping.md, "Service graphs").

/** Calls a node served or an edge carried, as X-Ray's EdgeStatistics / ServiceStatistics split them. */
export interface CallStatistics {
  total: number;
  /** 4xx other than 429. */
  error: number;
  /** 429. */
  throttle: number;
  /** 5xx. */
  fault: number;
  /** Seconds, summed over the calls; absent while no call's time is known. */
  totalResponseTime?: number;
  /** Response times (seconds, to the microsecond) with how many calls took them; absent while none is known. */
  responseTimes?: Map<number, number>;
}

/** How one call ended: X-Ray counts it once, as fault, else throttle, else error, else ok. */
export type CallOutcome = 'ok' | 'error' | 'throttle' | 'fault';

/**
 * A node: a service that sends segments (`active`), the client of a root service, or a callee known only from its
 * callers (`unknown`: an AWS resource or service, or `remote`).
 */
export interface GraphNode {
  readonly name: string;
  /** `AWS::EC2::Instance` (a segment's origin), `client`, `AWS::DynamoDB::Table`, `remote`, ...; omitted when unknown. */
  type?: string;
  readonly state: 'active' | 'unknown';
  /** A root service: a client node calls it (the entry point of traces). */
  root: boolean;
  accountId?: string;
  /** Calls the node served: its segments, or, for inferred nodes, its callers' calls. Client nodes have none. */
  statistics?: CallStatistics;
  /** Seconds since the epoch; the graph's window where not narrower. */
  startSeconds?: number;
  endSeconds?: number;
}

export interface GraphEdge {
  readonly from: GraphNode;
  readonly to: GraphNode;
  readonly statistics: CallStatistics;
  startSeconds?: number;
  endSeconds?: number;
}

/** Nodes by identity (a service, the client of a service, or an inferred node of a type) and the edges between them. */
export interface GraphBuilder {
  service(name: string): GraphNode;
  /** The client node that calls root service `name`, which is then marked root. */
  clientOf(name: string): GraphNode;
  /** A callee that sends no segments: an AWS resource or service (its AWS type) or `remote`. */
  inferred(name: string, type: string): GraphNode;
  edge(from: GraphNode, to: GraphNode): GraphEdge;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

export function emptyStatistics(): CallStatistics {
  return { total: 0, error: 0, throttle: 0, fault: 0 };
}

export function createGraphBuilder(): GraphBuilder {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<GraphNode, Map<GraphNode, GraphEdge>>();
  const out: GraphEdge[] = [];
  const node = (key: string, make: () => GraphNode): GraphNode => {
    let n = nodes.get(key);
    if (n === undefined) nodes.set(key, (n = make()));
    return n;
  };
  const service = (name: string) => node(`service\0${name}`, () => ({ name, state: 'active', root: false }));
  return {
    service,
    clientOf(name) {
      service(name).root = true;
      return node(`client\0${name}`, () => ({ name, type: 'client', state: 'unknown', root: false }));
    },
    inferred: (name, type) => node(`${type}\0${name}`, () => ({ name, type, state: 'unknown', root: false })),
    edge(from, to) {
      let byTo = edges.get(from);
      if (byTo === undefined) edges.set(from, (byTo = new Map()));
      let e = byTo.get(to);
      if (e === undefined) {
        byTo.set(to, (e = { from, to, statistics: emptyStatistics() }));
        out.push(e);
      }
      return e;
    },
    get nodes() {
      return [...nodes.values()];
    },
    edges: out,
  };
}

/** Seconds to the microsecond, so sums of float seconds do not show binary noise (0.30000000000000004). */
const micro = (seconds: number) => Math.round(seconds * 1e6) / 1e6;

/** Adds `count` calls with one outcome and, when known, one response time (seconds) each. */
export function addCalls(s: CallStatistics, outcome: CallOutcome, seconds: number | undefined, count = 1): void {
  s.total += count;
  if (outcome !== 'ok') s[outcome] += count;
  if (seconds !== undefined) addResponseTimes(s, seconds, count);
}

/** Adds `count` response times of `seconds` to the sum and the histogram (the calls themselves counted elsewhere). */
export function addResponseTimes(s: CallStatistics, seconds: number, count: number): void {
  s.totalResponseTime = micro((s.totalResponseTime ?? 0) + seconds * count);
  const times = (s.responseTimes ??= new Map());
  const t = micro(seconds);
  times.set(t, (times.get(t) ?? 0) + count);
}

/** Adds counts only (no outcome split beyond what `from` says), and the times `from` knows. */
export function addStatistics(into: CallStatistics, from: CallStatistics): void {
  into.total += from.total;
  into.error += from.error;
  into.throttle += from.throttle;
  into.fault += from.fault;
  if (from.totalResponseTime !== undefined) into.totalResponseTime = micro((into.totalResponseTime ?? 0) + from.totalResponseTime);
  if (from.responseTimes !== undefined) {
    const times = (into.responseTimes ??= new Map());
    for (const [t, n] of from.responseTimes) times.set(t, (times.get(t) ?? 0) + n);
  }
}

/** Widens a node's or an edge's time span to include [start, end]. */
export function widen(x: { startSeconds?: number; endSeconds?: number }, startSeconds: number, endSeconds: number): void {
  x.startSeconds = Math.min(x.startSeconds ?? startSeconds, startSeconds);
  x.endSeconds = Math.max(x.endSeconds ?? endSeconds, endSeconds);
}

/** HistogramEntry list: response times (seconds) with their counts, ascending. */
function histogram(times: ReadonlyMap<number, number>): Array<{ Value: number; Count: number }> {
  return [...times].sort((a, b) => a[0] - b[0]).map(([Value, Count]) => ({ Value, Count }));
}

function statisticsJson(s: CallStatistics): Record<string, unknown> {
  const out: Record<string, unknown> = {
    OkCount: Math.max(0, s.total - s.error - s.throttle - s.fault),
    ErrorStatistics: { ThrottleCount: s.throttle, OtherCount: s.error, TotalCount: s.throttle + s.error },
    FaultStatistics: { OtherCount: s.fault, TotalCount: s.fault },
    TotalCount: s.total,
  };
  if (s.totalResponseTime !== undefined) out.TotalResponseTime = s.totalResponseTime;
  return out;
}

const byNameThenType = (a: GraphNode, b: GraphNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.type ?? '') < (b.type ?? '') ? -1 : (a.type ?? '') > (b.type ?? '') ? 1 : 0);

/**
 * The `Services` list: nodes sorted by name (then type) with ReferenceIds in that order, each with its outgoing
 * edges. Times are the node's or edge's own span when known, else the graph's window. Fields in the order of X-Ray's
 * answers; a client node has no statistics, as in X-Ray's.
 */
export function servicesJson(graph: Pick<GraphBuilder, 'nodes' | 'edges'>, startSeconds: number, endSeconds: number): Record<string, unknown>[] {
  const sorted = [...graph.nodes].sort(byNameThenType);
  const refs = new Map(sorted.map((n, i) => [n, i]));
  const outgoing = new Map<GraphNode, GraphEdge[]>();
  for (const e of graph.edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
  return sorted.map((n, i) => {
    const out: Record<string, unknown> = { ReferenceId: i, Name: n.name, Names: [n.name] };
    if (n.root) out.Root = true;
    if (n.type !== undefined) out.Type = n.type;
    out.State = n.state;
    if (n.accountId !== undefined) out.AccountId = n.accountId;
    out.StartTime = n.startSeconds ?? startSeconds;
    out.EndTime = n.endSeconds ?? endSeconds;
    out.Edges = (outgoing.get(n) ?? [])
      .sort((a, b) => (refs.get(a.to) as number) - (refs.get(b.to) as number))
      .map((e) => {
        const edge: Record<string, unknown> = { ReferenceId: refs.get(e.to), StartTime: e.startSeconds ?? startSeconds, EndTime: e.endSeconds ?? endSeconds, SummaryStatistics: statisticsJson(e.statistics) };
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
