import { batchToXrayDocuments } from '../../codecs/xray/batchToXrayDocuments.js';
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import type { ComponentSettings } from '../../pipeline/component.js';
import type { Sender } from '../../pipeline/queuedExporter.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import type { TraceIdFixer } from '../../xray/idcache/createTraceIdFixer.js';
import { fixBatchTraceIds } from '../../xray/idcache/fixBatchTraceIds.js';
import type { TraceSegmentsClient, UnprocessedSegment } from './createTraceSegmentsClient.js';
import { isPermanentSegmentError, putTraceSegmentsError } from './putTraceSegmentsError.js';

/** Documents per PutTraceSegments call (the X-Ray daemon's and the contrib exporter's batch size). */
export const MAX_DOCUMENTS_PER_CALL = 50;

export interface XraySenderOptions {
  client: TraceSegmentsClient;
  /** The epoch fix (createTraceIdFixer), or undefined for plain conversion. */
  fixer?: TraceIdFixer;
  indexedAttributes: readonly string[];
  indexAllAttributes: boolean;
  logSentDocuments: boolean;
  /** Called once at shutdown (the id cache's close). */
  onShutdown?: () => Promise<void>;
}

/** Spans in a document: the node and its embedded subsegments. */
function spansIn(document: string): number {
  const count = (node: unknown): number => {
    const subs = (node as { subsegments?: unknown } | null)?.subsegments;
    return 1 + (Array.isArray(subs) ? subs.reduce((n: number, s) => n + count(s), 0) : 0);
  };
  try {
    return count(JSON.parse(document));
  } catch {
    return 1;
  }
}

function documentId(document: string): string | undefined {
  try {
    const id = (JSON.parse(document) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `awsxray` exporter's transport: a batch becomes X-Ray documents (trace ids fixed first, src/xray/idcache; then
 * the codec, which splits documents over 64 KB), sent by PutTraceSegments in calls of at most 50. What was delivered
 * is remembered per batch, so when the queued exporter retries the same batch only the rest is sent again: the calls
 * not made or failed (throttling, 5xx, network: retryable) and the UnprocessedTraceSegments X-Ray may take later.
 * Documents X-Ray refuses for good (its Invalid... and Missing... codes) and spans the codec cannot encode are dropped, counted in
 * spanbridge_exporter_send_failed_spans_total and logged at most once per 10 s. Reads the batch without changing it.
 */
export function createXraySender(settings: ComponentSettings, options: XraySenderOptions): Sender {
  const { id, logger, telemetry } = settings;
  const progress = new WeakMap<TraceBatch, string[]>();
  const log = createRateLimitedLog(logger);

  function warn(details: Record<string, unknown>, message: string): void {
    log.warn({ exporter: id, ...details }, message);
  }

  async function encode(batch: TraceBatch): Promise<string[]> {
    const xrayTraceIds = options.fixer === undefined ? undefined : await fixBatchTraceIds(batch, options.fixer);
    const { documents, problems } = batchToXrayDocuments(batch, {
      indexedAttributes: options.indexedAttributes,
      indexAllAttributes: options.indexAllAttributes,
      ...(xrayTraceIds === undefined ? {} : { xrayTraceIds }),
    });
    const dropped = problems.filter((p) => /; (skipped|dropped)$/.test(p)).length;
    if (dropped > 0) telemetry.exporterFailed(id, dropped);
    if (problems.length > 0) warn({ problems: problems.length, first: problems[0] }, 'some spans could not be sent to X-Ray as they are');
    return documents;
  }

  /**
   * Sorts a call's unprocessed documents into those to send again (pushed to `retry`, their codes to `retryCodes`)
   * and those refused for good (counted and logged). An Id that names no document of the call is ignored.
   */
  function sortUnprocessed(chunk: string[], unprocessed: UnprocessedSegment[], retry: string[], retryCodes: Set<string>): void {
    const byId = new Map<string, string>();
    for (const d of chunk) {
      const docId = documentId(d);
      if (docId !== undefined) byId.set(docId, d);
    }
    let refusedSpans = 0;
    const codes = new Set<string>();
    for (const u of unprocessed) {
      const doc = u.Id === undefined ? undefined : byId.get(u.Id);
      if (doc === undefined) continue;
      byId.delete(u.Id as string);
      if (isPermanentSegmentError(u.ErrorCode)) {
        refusedSpans += spansIn(doc);
        codes.add(`${u.ErrorCode}: ${u.Message ?? ''}`);
      } else {
        retry.push(doc);
        retryCodes.add(u.ErrorCode ?? '(no code)');
      }
    }
    if (refusedSpans > 0) {
      telemetry.exporterFailed(id, refusedSpans);
      warn({ spans: refusedSpans, errors: [...codes].slice(0, 5) }, 'X-Ray refused some segment documents');
    }
  }

  return {
    async send(batch, signal) {
      let pending = progress.get(batch);
      if (pending === undefined) {
        pending = await encode(batch);
        progress.set(batch, pending);
      }
      const retry: string[] = [];
      const retryCodes = new Set<string>();
      try {
        while (pending.length > 0) {
          const chunk = pending.slice(0, MAX_DOCUMENTS_PER_CALL);
          let unprocessed: UnprocessedSegment[];
          try {
            unprocessed = await options.client.put(chunk, signal);
          } catch (e) {
            throw putTraceSegmentsError(e);
          }
          pending = pending.slice(chunk.length);
          if (options.logSentDocuments) logger.info({ exporter: id, documents: chunk.length, unprocessed, segments: chunk.map((d) => JSON.parse(d) as unknown) }, 'PutTraceSegments');
          if (unprocessed.length > 0) sortUnprocessed(chunk, unprocessed, retry, retryCodes);
        }
      } finally {
        // What is left: the chunk that failed and those after it, then the unprocessed documents to try again.
        pending.push(...retry);
        progress.set(batch, pending);
      }
      if (pending.length > 0) {
        throw new PipelineError('SB_EXPORT_FAILED', `X-Ray left ${pending.length} segment documents unprocessed (${[...retryCodes].join(', ')}); sending them again`);
      }
      progress.delete(batch);
    },
    async shutdown() {
      options.client.destroy();
      await options.onShutdown?.();
    },
  };
}
