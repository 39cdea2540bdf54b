import { GetTraceSummariesCommand } from '@aws-sdk/client-xray';
import { deliverTraces } from './deliverTraces.js';
import { BATCH_GET_TRACES_MAX_IDS, fetchTraceGroup } from './fetchTraceGroup.js';
import type { PollWindow } from './planWindow.js';
import { callXray, type PollerContext } from './pollerContext.js';
import type { Lease, PollerStateStore } from './pollerStateStore.js';

/** The leader's view of the checkpoint while it holds the lease (it alone writes it). */
export interface HeldCheckpoint {
  readonly lease: Lease;
  readonly store: PollerStateStore;
  doneUntilMillis: number;
  /** Trace id -> end of the window that delivered it; mirrors the store's seen ids. */
  readonly seen: Map<string, number>;
}

/**
 * Reads one window: GetTraceSummaries over [queryStart, end] page by page (NextToken), drops trace ids already
 * delivered (the overlap, X-Ray's inclusive bounds, or a restart inside this window), fetches the rest in groups of
 * five, hands each group's batch to the pipeline and, once it was accepted, records the group's ids durably; after the
 * last page the checkpoint moves to the window's end (issue 4 item 5, specs/xray.md section 8.1). Every write is
 * fenced by the lease. An abort ends it between groups: what was delivered is recorded, the rest is read again by
 * whoever continues the window.
 */
export async function pollWindow(ctx: PollerContext, w: PollWindow, held: HeldCheckpoint, signal: AbortSignal): Promise<void> {
  const s = ctx.settings;
  let nextToken: string | undefined;
  do {
    signal.throwIfAborted();
    const page = await callXray(ctx, 'GetTraceSummaries', signal, (sig) =>
      ctx.client.send(
        new GetTraceSummariesCommand({
          StartTime: new Date(w.queryStart),
          EndTime: new Date(w.end),
          TimeRangeType: s.timeRangeType,
          ...(s.filterExpression !== '' ? { FilterExpression: s.filterExpression } : {}),
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
        { abortSignal: sig },
      ),
    );
    ctx.counts.summaryPages++;
    const ids = [...new Set((page.TraceSummaries ?? []).map((t) => t.Id).filter((id): id is string => typeof id === 'string' && id !== ''))];
    const fresh = ids.filter((id) => !held.seen.has(id));
    if (ids.length > fresh.length) {
      ctx.counts.duplicates += ids.length - fresh.length;
      ctx.metrics.traces('duplicate', ids.length - fresh.length);
    }
    for (let i = 0; i < fresh.length; i += BATCH_GET_TRACES_MAX_IDS) {
      signal.throwIfAborted();
      const group = fresh.slice(i, i + BATCH_GET_TRACES_MAX_IDS);
      const { traces, missing } = await fetchTraceGroup(ctx, group, signal);
      if (missing.length > 0) {
        ctx.counts.missing += missing.length;
        ctx.metrics.traces('missing', missing.length);
        ctx.logger.warn({ receiver: ctx.id, missing }, 'X-Ray did not return traces its summaries named');
      }
      await deliverTraces(ctx, traces, signal);
      const done = traces.map((t) => t.Id).filter((id): id is string => typeof id === 'string');
      await held.store.recordDelivered(held.lease, done, w.end);
      for (const id of done) held.seen.set(id, w.end);
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken !== undefined);

  const pruneBefore = w.end - s.overlapMillis;
  await held.store.advance(held.lease, { doneUntilMillis: w.end, pruneBeforeMillis: pruneBefore, maxSeen: s.maxSeenTraceIds });
  held.doneUntilMillis = w.end;
  pruneSeen(held.seen, pruneBefore, s.maxSeenTraceIds);
  ctx.counts.windows++;
  ctx.metrics.window();
}

/** The in-memory twin of the store's prune: drop ids below `before`, then keep the `max` newest. */
export function pruneSeen(seen: Map<string, number>, before: number, max: number): void {
  for (const [id, end] of seen) if (end < before) seen.delete(id);
  if (seen.size <= max) return;
  const newestFirst = [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  for (const [id] of newestFirst.slice(max)) seen.delete(id);
}
