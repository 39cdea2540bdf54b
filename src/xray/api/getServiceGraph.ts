import type { DependencyEdge, StoreReader } from '../../store/store.js';
import { requiredEpochSeconds, secondsMemberToNanos, stringMember } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';
import { emptyStatistics, servicesJson } from './serviceGraphJson.js';
import type { GraphEdge, GraphNode } from './serviceGraphJson.js';
import { invalidRequest } from './xrayApiError.js';

function addCalls(into: NonNullable<GraphNode['statistics']>, e: DependencyEdge): void {
  into.total += e.callCount;
  into.error += e.errorCount;
  into.throttle += e.throttleCount;
  into.fault += e.faultCount;
}

/** The service graph of the store's dependency edges (built at ingest, docs/architecture.md "The store"). */
export function serviceGraphFromEdges(edges: readonly DependencyEdge[], startSeconds: number, endSeconds: number): Record<string, unknown>[] {
  const nodes = new Map<string, GraphNode>();
  const node = (name: string, virtual: boolean): GraphNode => {
    let n = nodes.get(name);
    if (n === undefined) nodes.set(name, (n = virtual ? { name, type: 'remote', state: 'unknown' } : { name, state: 'active' }));
    else if (!virtual && n.state === 'unknown') {
      n.state = 'active';
      delete n.type;
    }
    return n;
  };
  const graphEdges: GraphEdge[] = [];
  for (const e of edges) {
    node(e.parent, false);
    const callee = node(e.child, e.virtual);
    addCalls((callee.statistics ??= emptyStatistics(false)), e);
    const statistics = emptyStatistics(false);
    addCalls(statistics, e);
    graphEdges.push({ from: e.parent, to: e.child, statistics });
  }
  return servicesJson([...nodes.values()], graphEdges, startSeconds, endSeconds);
}

/**
 * GetServiceGraph (POST /ServiceGraph): StartTime and EndTime required; the graph of the store's dependency edges in
 * that window. Counts are exact; response-time sums and histograms are not given (the store keeps percentiles).
 * GroupName / GroupARN are accepted and ignored (there are no groups); never paged.
 */
export async function getServiceGraph(reader: StoreReader, body: JsonObject): Promise<Record<string, unknown>> {
  const start = requiredEpochSeconds(body, 'StartTime');
  const end = requiredEpochSeconds(body, 'EndTime');
  if (end < start) throw invalidRequest('EndTime: must not be before StartTime');
  stringMember(body, 'GroupName');
  stringMember(body, 'GroupARN');
  const edges = await reader.getDependencies(secondsMemberToNanos(start), secondsMemberToNanos(end));
  return { StartTime: start, EndTime: end, Services: serviceGraphFromEdges(edges, start, end), ContainsOldGroupVersions: false };
}
