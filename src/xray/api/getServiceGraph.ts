import type { ServiceMap, ServiceMapEdge, StoreReader } from '../../store/store.js';
import { requiredEpochSeconds, secondsMemberToNanos, stringMember } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';
import { addResponseTimes, addStatistics, createGraphBuilder, emptyStatistics, servicesJson } from './serviceGraphJson.js';
import type { CallStatistics, GraphBuilder } from './serviceGraphJson.js';
import { invalidRequest } from './xrayApiError.js';

/**
 * An edge's calls: exact counts, and response times from the store's latency histogram (each bucket's middle, within
 * 9 % of the true times; docs/architecture.md, "The store"), so TotalResponseTime is their sum.
 */
function edgeStatistics(e: ServiceMapEdge): CallStatistics {
  const s: CallStatistics = { total: e.callCount, error: e.errorCount, throttle: e.throttleCount, fault: e.faultCount };
  for (const l of e.latencies) addResponseTimes(s, Number(l.nanos) / 1e9, l.count);
  return s;
}

/**
 * X-Ray's nodes for a window of the store's service map: every service that sent spans (`active`), a `client` node
 * for each service that parentless spans entered (that service is a `Root`), and the callees that send no spans, typed
 * as X-Ray types them (`AWS::DynamoDB::Table` named by the table, ..., `AWS::<service>`, or `remote`). Edges carry the
 * calls; a callee's statistics are its incoming calls, a client node has none.
 */
export function serviceGraphFromMap(map: ServiceMap): GraphBuilder {
  const g = createGraphBuilder();
  for (const name of map.services) g.service(name);
  for (const e of map.edges) {
    const to = e.childType !== undefined ? g.inferred(e.child, e.childType) : e.virtual ? g.inferred(e.child, 'remote') : g.service(e.child);
    const from = e.parent === undefined ? g.clientOf(e.child) : g.service(e.parent);
    const statistics = edgeStatistics(e);
    addStatistics(g.edge(from, to).statistics, statistics);
    addStatistics((to.statistics ??= emptyStatistics()), statistics);
  }
  return g;
}

/**
 * GetServiceGraph (POST /ServiceGraph): StartTime and EndTime required; the graph of the store's service map in that
 * window (serviceGraphFromMap). GroupName / GroupARN are accepted and ignored (there are no groups); never paged.
 */
export async function getServiceGraph(reader: StoreReader, body: JsonObject): Promise<Record<string, unknown>> {
  const start = requiredEpochSeconds(body, 'StartTime');
  const end = requiredEpochSeconds(body, 'EndTime');
  if (end < start) throw invalidRequest('EndTime: must not be before StartTime');
  stringMember(body, 'GroupName');
  stringMember(body, 'GroupARN');
  const map = await reader.getServiceMap(secondsMemberToNanos(start), secondsMemberToNanos(end));
  return { StartTime: start, EndTime: end, Services: servicesJson(serviceGraphFromMap(map), start, end), ContainsOldGroupVersions: false };
}
