import type { StoreReader } from '../../store/store.js';
import { findStoredTrace } from './findStoredTrace.js';
import { listMember, stringEntry, stringMember } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';
import { traceDocuments } from './traceDocuments.js';
import { traceFacts } from './traceFacts.js';

/** X-Ray's limit on TraceIds per BatchGetTraces call (the API reference: 1 to 5). */
export const MAX_TRACE_IDS = 5;

/**
 * BatchGetTraces (POST /Traces): 1 to 5 TraceIds; each found trace comes back with its segments re-encoded by the
 * codec (so the X-Ray -> OpenTelemetry path restores original ids), unknown or malformed ids in UnprocessedTraceIds.
 * Never paged (NextToken is accepted and ignored; every segment of a trace is in one answer).
 */
export async function batchGetTraces(reader: StoreReader, body: JsonObject): Promise<Record<string, unknown>> {
  const ids = listMember(body, 'TraceIds', 1, MAX_TRACE_IDS, stringEntry);
  stringMember(body, 'NextToken');
  const traces: Record<string, unknown>[] = [];
  const unprocessed: string[] = [];
  for (const id of ids) {
    const batch = await findStoredTrace(reader, id);
    const docs = batch === undefined ? [] : traceDocuments(batch);
    if (docs.length === 0) {
      unprocessed.push(id);
      continue;
    }
    const facts = traceFacts(docs.map((d) => d.doc));
    traces.push({
      Id: id,
      ...(facts?.durationSeconds === undefined ? {} : { Duration: facts.durationSeconds }),
      LimitExceeded: false,
      Segments: docs.map((d) => ({ Id: d.doc.id, Document: d.text })),
    });
  }
  return { Traces: traces, UnprocessedTraceIds: unprocessed };
}
