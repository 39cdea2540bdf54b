import { asPipelineError } from '../../errors.js';
import { appendBatch, countSpans, emptyBatch } from '../../model/batch.js';
import type { Consumer } from '../../pipeline/component.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { decodeSegmentDocument } from './decodeSegmentDocument.js';
import type { UnprocessedTraceSegment } from './decodeSegmentDocument.js';
import { listMember, stringEntry } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';

const TRANSPORT = 'http';
/** Documents accepted in one call (the exporter sends 50; the body limit bounds the size anyway). */
export const MAX_DOCUMENTS_PER_CALL = 10_000;

export interface PutTraceSegmentsContext {
  next: Consumer;
  telemetry?: Telemetry;
  receiverId: string;
  /** Spans (segments and subsegments) one call may hold; more are refused whole (413) before any is converted. */
  maxSpansPerRequest?: number;
}

/** Spans one call may hold by default, as for the other receivers' max_spans_per_request. */
export const DEFAULT_MAX_SPANS_PER_REQUEST = 100_000;

/**
 * PutTraceSegments (POST /TraceSegments): each of TraceSegmentDocuments is decoded on its own; refused ones come
 * back in UnprocessedTraceSegments with X-Ray's error codes (decodeSegmentDocument.ts) and count as refused (by their
 * code, one per document), the others go on together as one batch. The answer waits for `next.consume`; a
 * refusal there fails the whole call (429 ThrottledException or 503, which the SDK retries).
 */
export async function putTraceSegments(body: JsonObject, ctx: PutTraceSegmentsContext): Promise<Record<string, unknown>> {
  const documents = listMember(body, 'TraceSegmentDocuments', 1, MAX_DOCUMENTS_PER_CALL, stringEntry);
  const batch = emptyBatch();
  const unprocessed: UnprocessedTraceSegment[] = [];
  const limit = ctx.maxSpansPerRequest ?? DEFAULT_MAX_SPANS_PER_REQUEST;
  const budget = { remaining: limit, limit };
  for (const text of documents) {
    let decoded;
    try {
      decoded = decodeSegmentDocument(text, budget);
    } catch (e) {
      ctx.telemetry?.receiverRefused(ctx.receiverId, TRANSPORT, asPipelineError(e).code, 1);
      throw e;
    }
    if (decoded.ok) appendBatch(batch, decoded.batch);
    else {
      unprocessed.push(decoded.unprocessed);
      ctx.telemetry?.receiverRefused(ctx.receiverId, TRANSPORT, decoded.code, 1);
    }
  }
  const spans = countSpans(batch);
  if (spans > 0) {
    try {
      await ctx.next.consume(batch);
    } catch (e) {
      ctx.telemetry?.receiverRefused(ctx.receiverId, TRANSPORT, asPipelineError(e).code, spans);
      throw e;
    }
    ctx.telemetry?.receiverAccepted(ctx.receiverId, TRANSPORT, spans);
  }
  return { UnprocessedTraceSegments: unprocessed };
}
