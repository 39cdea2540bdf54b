import { PipelineError } from '../../errors.js';
import { decodeSearchCursor, encodeSearchCursor } from '../../store/searchCursor.js';
import type { SearchPosition } from '../../store/searchCursor.js';
import type { StoreReader, TraceQuery } from '../../store/store.js';
import { evaluateFilter } from './filter/evaluateFilter.js';
import type { FilterNode } from './filter/filterAst.js';
import { parseFilterExpression } from './filter/parseFilterExpression.js';
import { requiredEpochSeconds, secondsMemberToNanos, stringMember } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';
import { traceDocuments } from './traceDocuments.js';
import { traceFacts } from './traceFacts.js';
import type { TraceFacts } from './traceFacts.js';
import { traceSummaryJson } from './traceSummaryJson.js';
import { invalidRequest } from './xrayApiError.js';

/** Summaries in one answer at most; more come with NextToken (the SDK's paginator and the CLI follow it). */
export const SUMMARIES_PER_PAGE = 100;
/** Stored traces one request reads at most; past that it answers what it has with a NextToken (maybe no summary). */
export const MAX_TRACES_SCANNED = 1000;
/** For TimeRangeType Event and Service: how long before the window a trace may have started and still end in it. */
export const EVENT_LOOKBACK_SECONDS = 3600;
const STORE_PAGE = 100;
const TIME_RANGE_TYPES = new Set(['TraceId', 'Event', 'Service']);

function decodeToken(token: string): SearchPosition {
  try {
    return decodeSearchCursor(token);
  } catch {
    throw invalidRequest('NextToken: not a token this API returned');
  }
}

/** Whether a node of the trace ended (or, in progress, started) inside the window. */
function touchesWindow(facts: TraceFacts, start: number, end: number): boolean {
  return facts.nodes.some((n) => {
    const t = n.endSeconds ?? n.startSeconds;
    return t >= start && t <= end;
  });
}

/**
 * GetTraceSummaries (POST /TraceSummaries) over a StoreReader. StartTime and EndTime are required; TimeRangeType
 * `TraceId` (default) selects traces starting in the window, `Event` and `Service` traces with a segment ending in
 * it (started up to EVENT_LOOKBACK_SECONDS before it). FilterExpression is parsed (filter/parseFilterExpression.ts)
 * and evaluated on each trace's X-Ray documents. `Sampling` and `SamplingStrategy` are accepted and ignored (every
 * match is returned). Newest traces first; NextToken resumes after the last stored trace looked at.
 */
export async function getTraceSummaries(reader: StoreReader, body: JsonObject, now: () => number): Promise<Record<string, unknown>> {
  const start = requiredEpochSeconds(body, 'StartTime');
  const end = requiredEpochSeconds(body, 'EndTime');
  if (end < start) throw invalidRequest('EndTime: must not be before StartTime');
  const rangeType = stringMember(body, 'TimeRangeType') ?? 'TraceId';
  if (!TIME_RANGE_TYPES.has(rangeType)) throw invalidRequest(`TimeRangeType: expected TraceId, Event or Service (got ${JSON.stringify(rangeType)})`);
  const expression = stringMember(body, 'FilterExpression');
  let filter: FilterNode | undefined;
  if (expression !== undefined && expression.trim() !== '') {
    try {
      filter = parseFilterExpression(expression);
    } catch (e) {
      throw e instanceof PipelineError ? invalidRequest(e.message) : e;
    }
  }
  const token = stringMember(body, 'NextToken');
  let after = token === undefined || token === '' ? undefined : decodeToken(token);
  const byEvent = rangeType !== 'TraceId';
  const query: TraceQuery = {
    startTimeMin: secondsMemberToNanos(byEvent ? Math.max(0, start - EVENT_LOOKBACK_SECONDS) : start),
    startTimeMax: secondsMemberToNanos(end),
    limit: STORE_PAGE,
  };
  const summaries: Record<string, unknown>[] = [];
  let scanned = 0;
  let more = true;
  while (more && summaries.length < SUMMARIES_PER_PAGE && scanned < MAX_TRACES_SCANNED) {
    const page = await reader.findTraces(after === undefined ? query : { ...query, cursor: encodeSearchCursor(after) });
    more = page.nextCursor !== undefined && page.traces.length > 0;
    for (let i = 0; i < page.traces.length; i++) {
      const summary = page.traces[i];
      if (summary === undefined) continue;
      scanned++;
      after = { startNanos: summary.startTimeUnixNano, traceId: summary.traceId };
      const batch = await reader.getTrace(summary.traceId);
      const facts = batch === undefined ? undefined : traceFacts(traceDocuments(batch).map((d) => d.doc));
      if (facts !== undefined && (!byEvent || touchesWindow(facts, start, end)) && (filter === undefined || evaluateFilter(filter, facts))) summaries.push(traceSummaryJson(facts));
      if (summaries.length >= SUMMARIES_PER_PAGE || scanned >= MAX_TRACES_SCANNED) {
        more ||= i < page.traces.length - 1;
        break;
      }
    }
  }
  const out: Record<string, unknown> = { TraceSummaries: summaries, ApproximateTime: Math.min(end, now() / 1000), TracesProcessedCount: scanned };
  if (more && after !== undefined) out.NextToken = encodeSearchCursor(after);
  return out;
}
