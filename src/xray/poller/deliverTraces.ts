import type { Trace } from '@aws-sdk/client-xray';
import { xrayTracesToBatch } from '../../codecs/xray/xrayTracesToBatch.js';
import { asPipelineError } from '../../errors.js';
import { countSpans } from '../../model/batch.js';
import type { PollerContext } from './pollerContext.js';
import { retryWithBackoff } from './retryWithBackoff.js';

/** Logged per group with bad documents, at most this many of their problems. */
const PROBLEMS_LOGGED = 3;

/**
 * Translates a group's traces (xrayTracesToBatch: a bad document is refused alone) and hands the batch to the pipeline,
 * retrying with backoff while it refuses with a retryable error. Resolves once the pipeline accepted the batch, or
 * refused it for good (counted, not retried: STYLE.md "degrade, don't die"). The batch is the pipeline's from the call
 * on, so a retry translates the traces again rather than resend it.
 */
export async function deliverTraces(ctx: PollerContext, traces: Trace[], signal: AbortSignal): Promise<void> {
  if (traces.length === 0) return;
  const first = xrayTracesToBatch({ Traces: traces });
  if (first.rejected > 0) {
    ctx.counts.rejectedDocuments += first.rejected;
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
        classify: (err) => (asPipelineError(err).kind === 'permanent' ? 'permanent' : 'retryable'),
        delayHintMillis: (err) => asPipelineError(err).retryAfterMillis,
        onRetry: (_f, err) => ctx.noteError(`pipeline refused a batch: ${asPipelineError(err).message}`),
      },
    );
  } catch (err) {
    if (signal.aborted) throw err;
    const e = asPipelineError(err);
    ctx.counts.refusedTraces += traces.length;
    ctx.metrics.traces('refused', traces.length);
    ctx.telemetry.receiverRefused(ctx.id, 'poll', e.code, spans);
    ctx.noteError(`pipeline refused ${traces.length} traces for good: ${e.message}`);
    ctx.logger.warn({ receiver: ctx.id, traces: traces.length, spans, code: e.code, error: e.message }, 'pipeline refused X-Ray traces; they are skipped');
    return;
  }
  ctx.counts.traces += traces.length;
  ctx.counts.spans += spans;
  ctx.metrics.traces('delivered', traces.length);
  ctx.telemetry.receiverAccepted(ctx.id, 'poll', spans);
}
