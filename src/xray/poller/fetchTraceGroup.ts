import { BatchGetTracesCommand, type Trace } from '@aws-sdk/client-xray';
import { callXray, type PollerContext } from './pollerContext.js';
import { backoffDelayMillis, abortableSleep } from './retryWithBackoff.js';

/** BatchGetTraces takes 1 to 5 ids (specs/xray.md section 8). */
export const BATCH_GET_TRACES_MAX_IDS = 5;

/** How often ids X-Ray left in UnprocessedTraceIds are asked for again before they count as missing. */
const UNPROCESSED_RETRIES = 3;

export interface FetchedGroup {
  traces: Trace[];
  /** Ids X-Ray did not return (unknown, or still unprocessed after the retries). */
  missing: string[];
}

/**
 * BatchGetTraces for one group of at most five ids, following NextToken to the last page, and asking again (with
 * backoff) for ids X-Ray reports as UnprocessedTraceIds.
 */
export async function fetchTraceGroup(ctx: PollerContext, ids: readonly string[], signal: AbortSignal): Promise<FetchedGroup> {
  const traces: Trace[] = [];
  let pending = [...ids];
  for (let round = 0; pending.length > 0; round++) {
    const unprocessed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await callXray(ctx, 'BatchGetTraces', signal, (s) =>
        ctx.client.send(new BatchGetTracesCommand({ TraceIds: pending, ...(nextToken ? { NextToken: nextToken } : {}) }), { abortSignal: s }),
      );
      traces.push(...(page.Traces ?? []));
      unprocessed.push(...(page.UnprocessedTraceIds ?? []));
      nextToken = page.NextToken || undefined;
    } while (nextToken !== undefined);
    if (unprocessed.length === 0 || round >= UNPROCESSED_RETRIES) break;
    pending = unprocessed;
    await abortableSleep(backoffDelayMillis(round, ctx.settings.backoff, ctx.random), signal);
  }
  const returned = new Set(traces.map((t) => t.Id));
  return { traces, missing: ids.filter((id) => !returned.has(id)) };
}
