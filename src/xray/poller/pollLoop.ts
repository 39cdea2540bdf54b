// The leader's work: consecutive time windows from the durable checkpoint, each read page by page from
// GetTraceSummaries, its new trace ids fetched with BatchGetTraces five at a time, each group handed to the pipeline
// and, once accepted, recorded; after a window's last page the checkpoint moves to its end. A crash therefore reads
// the window again and fetches only what was not delivered; the checkpoint never jumps over unread time (see
// docs/xray-mapping.md for the poller's guarantees).
import { BatchGetTracesCommand, GetTraceSummariesCommand, type Trace, type XRayClient } from '@aws-sdk/client-xray';
import type { Logger } from 'pino';
import { xrayTracesToBatch } from '../../codecs/xray/xrayDocumentToBatch.js';
import { asPipelineError } from '../../errors.js';
import { countSpans } from '../../model/batch.js';
import type { Consumer } from '../../pipeline/component.js';
import { abortableSleep, backoffMillis, pipelineErrorRetries, retryWithBackoff } from '../../pipeline/retry.js';
import type { RateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { classifyXrayError, describeXrayError } from '../classifyXrayError.js';
import type { HeldCheckpoint } from './lease.js';
import { XRAY_RETENTION_MILLIS, type PollerSettings } from './pollerSettings.js';
import type { PollerStatusTracker } from './status.js';

/** What the poller's steps share: its identity, clients, settings and status. */
export interface PollerContext {
  /** The receiver id (telemetry label). */
  readonly id: string;
  readonly client: XRayClient;
  readonly next: Consumer;
  readonly telemetry: Telemetry;
  readonly logger: Logger;
  /** Failed calls, at warn and at most once per interval (they are counted in status and metrics each). */
  readonly failureLog: RateLimitedLog;
  readonly settings: PollerSettings;
  readonly status: PollerStatusTracker;
  readonly now: () => number;
  readonly random: () => number;
}

export interface PollWindow {
  /** Unix ms; the checkpoint the window continues from (or the retention limit, when that is later). */
  start: number;
  /** Unix ms; the checkpoint once the window is done. */
  end: number;
  /** Unix ms; what GetTraceSummaries is asked from: `start` minus the overlap. */
  queryStart: number;
}

/**
 * The next window after `doneUntil`, or undefined when the poller is current. Windows are consecutive and at most
 * `windowMillis` long, and end no later than `now - settleDelay` (X-Ray indexes segments with a delay); the checkpoint
 * never jumps past unread time except past X-Ray's retention, where nothing is left to read.
 */
export function planWindow(doneUntil: number, now: number, s: Pick<PollerSettings, 'windowMillis' | 'settleDelayMillis' | 'overlapMillis'>): PollWindow | undefined {
  const start = Math.max(doneUntil, now - XRAY_RETENTION_MILLIS);
  const end = Math.min(start + s.windowMillis, now - s.settleDelayMillis);
  if (end <= start) return undefined;
  return { start, end, queryStart: start - s.overlapMillis };
}

/**
 * Reads full windows until one is cut short by now - settle delay: that one makes the poller current until the next
 * turn (reading on at once would chase the clock in ever smaller windows). Throws when a window fails for good or
 * `signal` aborts; the checkpoint then stays where the last finished window left it.
 */
export async function pollUntilCurrent(ctx: PollerContext, held: HeldCheckpoint, signal: AbortSignal): Promise<void> {
  for (let current = false; !current; ) {
    signal.throwIfAborted();
    const w = planWindow(held.doneUntilMillis, ctx.now(), ctx.settings);
    current = w === undefined || w.end - w.start < ctx.settings.windowMillis;
    if (w !== undefined) {
      ctx.status.windowStarted(w, held.doneUntilMillis);
      await pollWindow(ctx, w, held, signal);
      ctx.status.windowDone(w);
    }
    if (current) ctx.status.caughtUp();
  }
}

/** BatchGetTraces takes 1 to 5 ids. */
const BATCH_GET_TRACES_MAX_IDS = 5;

/**
 * Reads one window: GetTraceSummaries over [queryStart, end] page by page (NextToken), drops trace ids already
 * delivered (the overlap, X-Ray's inclusive bounds, or a restart inside this window), fetches the rest in groups of
 * five, hands each group's batch to the pipeline and, once it was accepted, records the group's ids durably; after the
 * last page the checkpoint moves to the window's end. Every write is fenced by the lease. An abort ends it between
 * groups: what was delivered is recorded, the rest is read again by whoever continues the window.
 */
async function pollWindow(ctx: PollerContext, w: PollWindow, held: HeldCheckpoint, signal: AbortSignal): Promise<void> {
  const s = ctx.settings;
  const { counts, metrics } = ctx.status;
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
    counts.summaryPages++;
    const ids = [...new Set((page.TraceSummaries ?? []).map((t) => t.Id).filter((id): id is string => typeof id === 'string' && id !== ''))];
    const fresh = ids.filter((id) => !held.seen.has(id));
    if (ids.length > fresh.length) {
      counts.duplicates += ids.length - fresh.length;
      metrics.traces('duplicate', ids.length - fresh.length);
    }
    for (let i = 0; i < fresh.length; i += BATCH_GET_TRACES_MAX_IDS) {
      signal.throwIfAborted();
      const group = fresh.slice(i, i + BATCH_GET_TRACES_MAX_IDS);
      const { traces, missing } = await fetchTraceGroup(ctx, group, signal);
      if (missing.length > 0) {
        counts.missing += missing.length;
        metrics.traces('missing', missing.length);
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
  counts.windows++;
  metrics.window();
}

/** The in-memory twin of the store's prune: drop ids below `before`, then keep the `max` newest. */
function pruneSeen(seen: Map<string, number>, before: number, max: number): void {
  for (const [id, end] of seen) if (end < before) seen.delete(id);
  if (seen.size <= max) return;
  const newestFirst = [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  for (const [id] of newestFirst.slice(max)) seen.delete(id);
}

/**
 * One X-Ray API call, retried with backoff while it is throttled or fails transiently (waiting at least what a
 * throttle's Retry-After asks for): a request is never skipped, or its traces would be lost. A permanent failure (4xx)
 * is thrown. The SDK call is aborted with `signal`.
 */
function callXray<T>(ctx: PollerContext, api: string, signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { counts, metrics } = ctx.status;
  return retryWithBackoff(
    async (s) => {
      const out = await call(s);
      metrics.apiCall(api, 'ok');
      return out;
    },
    {
      signal,
      policy: ctx.settings.backoff,
      random: ctx.random,
      classify: (err) => {
        const { failure } = classifyXrayError(err);
        metrics.apiCall(api, failure === 'throttled' ? 'throttled' : 'error');
        if (failure === 'throttled') counts.throttled++;
        else {
          counts.errors++;
          ctx.status.noteError(`${api}: ${describeXrayError(err)}`);
        }
        return failure;
      },
      requestedDelayMillis: (err) => classifyXrayError(err).retryAfterMillis,
      onRetry: (failure, err, delayMillis) => {
        ctx.failureLog.warn({ receiver: ctx.id, api, failure, retryInMillis: delayMillis, error: describeXrayError(err) }, 'X-Ray call failed; retrying');
      },
    },
  );
}

/** How often ids X-Ray left in UnprocessedTraceIds are asked for again before they count as missing. */
const UNPROCESSED_RETRIES = 3;

interface FetchedGroup {
  traces: Trace[];
  /** Ids X-Ray did not return (unknown, or still unprocessed after the retries). */
  missing: string[];
}

/**
 * BatchGetTraces for one group of at most five ids, following NextToken to the last page, and asking again (with
 * backoff) for ids X-Ray reports as UnprocessedTraceIds.
 */
async function fetchTraceGroup(ctx: PollerContext, ids: readonly string[], signal: AbortSignal): Promise<FetchedGroup> {
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
    await abortableSleep(backoffMillis(ctx.settings.backoff, round, ctx.random), signal);
  }
  const returned = new Set(traces.map((t) => t.Id));
  return { traces, missing: ids.filter((id) => !returned.has(id)) };
}

/** Logged per group with bad documents, at most this many of their problems. */
const PROBLEMS_LOGGED = 3;

/**
 * Translates a group's traces (xrayTracesToBatch: a bad document is refused alone) and hands the batch to the pipeline,
 * retrying with backoff while it refuses with a retryable error. Resolves once the pipeline accepted the batch, or
 * refused it for good (counted, not retried: one poison batch must not stop the poller). The batch is the pipeline's
 * from the call on, so a retry translates the traces again rather than resend it.
 */
async function deliverTraces(ctx: PollerContext, traces: Trace[], signal: AbortSignal): Promise<void> {
  if (traces.length === 0) return;
  const { counts, metrics } = ctx.status;
  const first = xrayTracesToBatch({ Traces: traces });
  if (first.rejected > 0) {
    counts.rejectedDocuments += first.rejected;
    ctx.telemetry.receiverRefused(ctx.id, 'poll', 'SB_MALFORMED', first.rejected);
    ctx.logger.warn({ receiver: ctx.id, rejected: first.rejected, problems: first.problems.slice(0, PROBLEMS_LOGGED) }, 'X-Ray documents could not be translated');
  }
  const spans = countSpans(first.batch);
  if (spans === 0) return;
  let batch: typeof first.batch | undefined = first.batch;
  try {
    await retryWithBackoff(
      async () => {
        const b = batch ?? xrayTracesToBatch({ Traces: traces }).batch;
        batch = undefined;
        await ctx.next.consume(b);
      },
      {
        signal,
        policy: ctx.settings.backoff,
        random: ctx.random,
        ...pipelineErrorRetries,
        onRetry: (_f, err) => ctx.status.noteError(`pipeline refused a batch: ${asPipelineError(err).message}`),
      },
    );
  } catch (err) {
    if (signal.aborted) throw err;
    const e = asPipelineError(err);
    counts.refusedTraces += traces.length;
    metrics.traces('refused', traces.length);
    ctx.telemetry.receiverRefused(ctx.id, 'poll', e.code, spans);
    ctx.status.noteError(`pipeline refused ${traces.length} traces for good: ${e.message}`);
    ctx.logger.warn({ receiver: ctx.id, traces: traces.length, spans, code: e.code, error: e.message }, 'pipeline refused X-Ray traces; they are skipped');
    return;
  }
  counts.traces += traces.length;
  counts.spans += spans;
  metrics.traces('delivered', traces.length);
  ctx.telemetry.receiverAccepted(ctx.id, 'poll', spans);
}
