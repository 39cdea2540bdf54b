import { forEachSpan } from '../../model/batch.js';
import type { Attributes } from '../../model/span.js';
import { awsResourceOf } from '../../store/dependencies/virtualCallee.js';
import type { StoreReader } from '../../store/store.js';
import { MAX_TRACE_IDS } from './batchGetTraces.js';
import { findStoredTrace } from './findStoredTrace.js';
import { listMember, stringEntry, stringMember } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';
import { addCalls, createGraphBuilder, emptyStatistics, servicesJson, widen } from './serviceGraphJson.js';
import type { GraphBuilder, GraphEdge, GraphNode } from './serviceGraphJson.js';
import { traceDocuments } from './traceDocuments.js';
import { traceFacts } from './traceFacts.js';
import type { NodeFacts, TraceFacts } from './traceFacts.js';

/** One trace as the graph reads it: its facts, and the span attributes of each document node (by node id). */
export interface GraphTrace {
  facts: TraceFacts;
  attributesOf(nodeId: string): Attributes | undefined;
}

/** One call into the statistics of a node or an edge, and its time into theirs. */
function count(x: GraphNode | GraphEdge, n: NodeFacts): void {
  const s = 'from' in x ? x.statistics : (x.statistics ??= emptyStatistics());
  const outcome = n.fault ? 'fault' : n.throttle ? 'throttle' : n.error ? 'error' : 'ok';
  addCalls(s, outcome, n.endSeconds === undefined ? undefined : Math.max(0, n.endSeconds - n.startSeconds));
  widen(x, n.startSeconds, n.endSeconds ?? n.startSeconds);
}

/**
 * The node an `aws` or `remote` subsegment calls when no segment answers it: for AWS, the resource its span's
 * attributes name (virtualCallee.ts: `AWS::DynamoDB::Table` named by the table, ...), else `AWS::<name>`; `remote`
 * otherwise.
 */
function inferredNode(g: GraphBuilder, n: NodeFacts, attributes: Attributes | undefined): GraphNode {
  if (n.doc.namespace !== 'aws') return g.inferred(n.doc.name, 'remote');
  const resource = attributes === undefined ? undefined : awsResourceOf(attributes);
  return resource === undefined ? g.inferred(n.doc.name, `AWS::${n.doc.name}`) : g.inferred(resource.name, resource.type);
}

/**
 * The graph of some traces, as X-Ray draws a trace map: a node per segment service (its segments are its calls; its
 * type the segment's origin), a `client` node calling each service that has a segment without a parent (that service
 * is a `Root`), an inferred node per AWS/remote subsegment without a segment of its own downstream, an edge per such
 * subsegment from the service that made the call (to the downstream segment's service when one has it as parent), and
 * an edge from a segment's parent's service when the segment hangs off another service's node directly.
 */
export function traceGraph(traces: readonly GraphTrace[]): { graph: GraphBuilder; start: number; end: number } {
  const g = createGraphBuilder();
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const { facts, attributesOf } of traces) {
    const byId = new Map(facts.nodes.map((n) => [n.doc.id, n]));
    const calledSubsegments = new Set<string>();
    for (const n of facts.nodes) {
      start = Math.min(start, n.startSeconds);
      end = Math.max(end, n.endSeconds ?? n.startSeconds);
      if (!n.isSegment) continue;
      const service = g.service(n.service);
      if (service.type === undefined && n.doc.origin !== undefined) service.type = n.doc.origin;
      if (service.accountId === undefined && typeof n.doc.aws?.account_id === 'string') service.accountId = n.doc.aws.account_id;
      count(service, n);
      if (n.parentId === undefined) {
        const client = g.clientOf(n.service);
        widen(client, n.startSeconds, n.endSeconds ?? n.startSeconds);
        count(g.edge(client, service), n);
        continue;
      }
      const parent = byId.get(n.parentId);
      if (parent === undefined || parent.service === '' || parent.service === n.service) continue;
      const viaSubsegment = !parent.isSegment && (parent.doc.namespace === 'remote' || parent.doc.namespace === 'aws');
      if (viaSubsegment) calledSubsegments.add(parent.doc.id);
      count(g.edge(g.service(parent.service), service), viaSubsegment ? parent : n);
    }
    for (const n of facts.nodes) {
      if (n.isSegment || n.service === '' || calledSubsegments.has(n.doc.id) || (n.doc.namespace !== 'remote' && n.doc.namespace !== 'aws')) continue;
      const inferred = inferredNode(g, n, attributesOf(n.doc.id));
      count(inferred, n);
      count(g.edge(g.service(n.service), inferred), n);
    }
  }
  return { graph: g, start: Number.isFinite(start) ? start : 0, end };
}

/**
 * GetTraceGraph (POST /TraceGraph): the service graph of 1 to 5 traces (TraceIds), computed from their segments
 * (traceGraph above). Unknown ids are skipped, as X-Ray does; never paged.
 */
export async function getTraceGraph(reader: StoreReader, body: JsonObject): Promise<Record<string, unknown>> {
  const ids = listMember(body, 'TraceIds', 1, MAX_TRACE_IDS, stringEntry);
  stringMember(body, 'NextToken');
  const traces: GraphTrace[] = [];
  for (const id of ids) {
    const batch = await findStoredTrace(reader, id);
    if (batch === undefined) continue;
    const facts = traceFacts(traceDocuments(batch).map((d) => d.doc));
    if (facts === undefined) continue;
    const attributes = new Map<string, Attributes>();
    forEachSpan(batch, (span) => attributes.set(span.spanId, span.attributes));
    traces.push({ facts, attributesOf: (nodeId) => attributes.get(nodeId.toLowerCase()) });
  }
  const { graph, start, end } = traceGraph(traces);
  return { Services: servicesJson(graph, start, end) };
}
