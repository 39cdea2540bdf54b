import { countXrayNodes, xrayDocumentToBatch } from '../../codecs/xray/xrayDocumentToBatch.js';
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';

/** An entry of PutTraceSegments' UnprocessedTraceSegments (X-Ray API reference, UnprocessedTraceSegment). */
export interface UnprocessedTraceSegment {
  /** The document's `id` when it has a string one, else ''. */
  Id: string;
  ErrorCode: string;
  Message: string;
}

/**
 * A document's batch, or its refusal: `code` is SB_MALFORMED for a document X-Ray would refuse too, SB_INTERNAL for
 * one the codec failed on unexpectedly (a fault here, not in the document, kept to that one document).
 */
export type DecodedSegment = { ok: true; batch: TraceBatch } | { ok: false; unprocessed: UnprocessedTraceSegment; code: 'SB_MALFORMED' | 'SB_INTERNAL' };

/** X-Ray's error codes by field (seen in the wild: MissingId, MissingParentId, InvalidTraceId, InvalidName). */
const FIELD_CODES: Record<string, string> = { trace_id: 'TraceId', id: 'Id', parent_id: 'ParentId', name: 'Name', start_time: 'StartTime', end_time: 'EndTime' };

/**
 * One segment document (PutTraceSegments entry, or a UDP datagram's body) as a batch, or the refusal X-Ray would
 * give: an independent subsegment (`"type": "subsegment"`) without `parent_id` is `MissingParentId`; a codec refusal
 * on `trace_id`, `id`, `parent_id`, `name`, `start_time` or `end_time` is `Missing<Field>` / `Invalid<Field>`; text
 * that is not JSON, or any other problem, is `InvalidSegment`. The message follows X-Ray's ("Invalid segment.
 * ErrorCode: ..., Cause: ...") with the codec's reason, which names the field, as the cause. Never throws: a failure
 * of the codec itself is `InternalFailure` for this document alone.
 *
 * `spans`, when given, is what the request may still hold: the document's spans are counted before it is converted and
 * taken from it, and a document with more throws SB_TOO_MANY_SPANS (a refusal of the whole request) instead.
 */
export function decodeSegmentDocument(text: string, spans?: { remaining: number; limit: number }): DecodedSegment {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return refused('', 'segment', 'InvalidSegment', `not valid JSON (${(e as Error).message})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return refused('', 'segment', 'InvalidSegment', 'expected a JSON object');
  const o = doc as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : '';
  const kind = typeof o.type === 'string' && o.type.toLowerCase() === 'subsegment' ? 'subsegment' : 'segment';
  if (kind === 'subsegment' && (o.parent_id === undefined || o.parent_id === null || o.parent_id === '')) {
    return refused(id, kind, 'MissingParentId', 'an independent subsegment needs parent_id');
  }
  if (spans !== undefined) {
    const n = countXrayNodes(o, spans.remaining);
    if (n > spans.remaining) throw new PipelineError('SB_TOO_MANY_SPANS', `the request holds more than ${spans.limit} spans (segments and subsegments); the limit is ${spans.limit} (api.max_spans_per_request)`);
    spans.remaining -= n;
  }
  try {
    return { ok: true, batch: xrayDocumentToBatch(o) };
  } catch (e) {
    if (e instanceof PipelineError) return refused(id, kind, errorCodeFor(e.message), e.message);
    return { ok: false, code: 'SB_INTERNAL', unprocessed: { Id: id, ErrorCode: 'InternalFailure', Message: `The ${kind} could not be processed because of an unknown error.` } };
  }
}

function refused(id: string, kind: string, code: string, cause: string): DecodedSegment {
  return { ok: false, code: 'SB_MALFORMED', unprocessed: { Id: id, ErrorCode: code, Message: `Invalid ${kind}. ErrorCode: ${code}, Cause: ${cause}` } };
}

/** `X-Ray document <path>: <problem>` (the codec's message) -> an X-Ray error code. */
function errorCodeFor(message: string): string {
  const m = /^X-Ray document ([^:]*): (.*)$/.exec(message);
  if (m === null) return 'InvalidSegment';
  const field = (m[1] as string).split('.').pop() ?? '';
  const name = FIELD_CODES[field];
  if (name === undefined) return 'InvalidSegment';
  return (m[2] as string) === 'missing' ? `Missing${name}` : `Invalid${name}`;
}
