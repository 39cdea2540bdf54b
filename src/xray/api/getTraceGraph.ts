import type { StoreReader } from '../../store/store.js';
import { MAX_TRACE_IDS } from './batchGetTraces.js';
import { findStoredTrace } from './findStoredTrace.js';
import { listMember, stringEntry, stringMember } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';
import { emptyStatistics, servicesJson } from './serviceGraphJson.js';
import type { CallStatistics, GraphEdge, GraphNode } from './serviceGraphJson.js';
import { traceDocuments } from './traceDocuments.js';
import { traceFacts } from './traceFacts.js';
import type { NodeFacts, TraceFacts } from './traceFacts.js';

/** One call into the statistics: fault, else throttle, else error, else ok (X-Ray counts each call once). */
function addCall(s: CallStatistics, n: NodeFacts): void {
  s.total++;
  if (n.fault) s.fault++;
  else if (n.throttle) s.throttle++;
  else if (n.error) s.error++;
  if (n.endSeconds !== undefined) {
    const t = Math.max(0, n.endSeconds - n.startSeconds);
    s.totalResponseTime = (s.totalResponseTime ?? 0) + t;
    s.responseTimes?.push(t);
  }
}

/**
 * The graph of some traces: a node per segment service (its segments are its calls) and per AWS/remote subsegment
 * without a segment of its own downstream (an inferred node), an edge per such subsegment from the service that made
 * the call (to the downstream segment's service when one has it as parent), and an edge from a segment's parent's
 * service when the segment hangs off another service's node directly.
 */
export function traceGraph(traces: readonly TraceFacts[]): { nodes: GraphNode[]; edges: GraphEdge[]; start: number; end: number } {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  const node = (name: string, make: () => GraphNode): GraphNode => {
    let n = nodes.get(name);
    if (n === undefined) nodes.set(name, (n = make()));
    return n;
  };
  const edge = (from: string, to: string): GraphEdge => {
    const key = JSON.stringify([from, to]);
    let e = edges.get(key);
    if (e === undefined) edges.set(key, (e = { from, to, statistics: emptyStatistics(true) }));
    return e;
  };
  for (const facts of traces) {
    const byId = new Map(facts.nodes.map((n) => [n.doc.id, n]));
    const calledSubsegments = new Set<string>();
    for (const n of facts.nodes) {
      start = Math.min(start, n.startSeconds);
      end = Math.max(end, n.endSeconds ?? n.startSeconds);
      if (!n.isSegment) continue;
      const service = node(n.service, () => (n.doc.origin === undefined ? { name: n.service, state: 'active' } : { name: n.service, type: n.doc.origin, state: 'active' }));
      if (service.state === 'unknown') {
        service.state = 'active';
        delete service.type;
      }
      addCall((service.statistics ??= emptyStatistics(true)), n);
      const parent = n.parentId === undefined ? undefined : byId.get(n.parentId);
      if (parent === undefined || parent.service === '' || parent.service === n.service) continue;
      const viaSubsegment = !parent.isSegment && (parent.doc.namespace === 'remote' || parent.doc.namespace === 'aws');
      if (viaSubsegment) calledSubsegments.add(parent.doc.id);
      addCall(edge(parent.service, n.service).statistics, viaSubsegment ? parent : n);
    }
    for (const n of facts.nodes) {
      if (n.isSegment || n.service === '' || calledSubsegments.has(n.doc.id) || (n.doc.namespace !== 'remote' && n.doc.namespace !== 'aws')) continue;
      const name = n.doc.name;
      const inferred = node(name, () => ({ name, type: n.doc.namespace === 'aws' ? `AWS::${name}` : 'remote', state: 'unknown' }));
      addCall((inferred.statistics ??= emptyStatistics(true)), n);
      addCall(edge(n.service, name).statistics, n);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], start: Number.isFinite(start) ? start : 0, end };
}

/**
 * GetTraceGraph (POST /TraceGraph): the service graph of 1 to 5 traces (TraceIds), computed from their segments
 * (traceGraph above). Unknown ids are skipped, as X-Ray does; never paged.
 */
export async function getTraceGraph(reader: StoreReader, body: JsonObject): Promise<Record<string, unknown>> {
  const ids = listMember(body, 'TraceIds', 1, MAX_TRACE_IDS, stringEntry);
  stringMember(body, 'NextToken');
  const traces: TraceFacts[] = [];
  for (const id of ids) {
    const batch = await findStoredTrace(reader, id);
    const facts = batch === undefined ? undefined : traceFacts(traceDocuments(batch).map((d) => d.doc));
    if (facts !== undefined) traces.push(facts);
  }
  const graph = traceGraph(traces);
  return { Services: servicesJson(graph.nodes, graph.edges, graph.start, graph.end) };
}
