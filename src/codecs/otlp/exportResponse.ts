// ExportTraceServiceResponse in protobuf and JSON (the OTLP specification, "Partial Success"): a server that accepts
// only part of a request sets `partial_success.rejected_spans` and says why in `error_message`; rejected_spans = 0 with
// a message is a warning. A response without partial_success means full success.
import { PipelineError } from '../../errors.js';
import { FieldProblem, asMalformed } from './fieldProblem.js';
import { type JsonObject, field, jsonInt64, jsonObject, jsonString } from './jsonFields.js';
import { i64FromPb, pbFromBigInt } from './longBits.js';
import { ExportTraceServiceResponseType } from './otlpProto.js';
import type { PbLong } from './protoShapes.js';

export interface ExportPartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

interface PbResponse {
  partialSuccess?: { rejectedSpans?: PbLong | number; errorMessage?: string } | null;
}

function isSet(p: ExportPartialSuccess | undefined): p is ExportPartialSuccess {
  return p !== undefined && (p.rejectedSpans !== 0 || p.errorMessage !== '');
}

export function encodeExportResponseProto(partial?: ExportPartialSuccess): Uint8Array {
  if (!isSet(partial)) return new Uint8Array(0);
  const ps: NonNullable<PbResponse['partialSuccess']> = {};
  if (partial.rejectedSpans !== 0) ps.rejectedSpans = pbFromBigInt(BigInt(partial.rejectedSpans));
  if (partial.errorMessage !== '') ps.errorMessage = partial.errorMessage;
  return ExportTraceServiceResponseType.encode({ partialSuccess: ps }).finish();
}

export function encodeExportResponseJson(partial?: ExportPartialSuccess): string {
  if (!isSet(partial)) return '{}';
  return JSON.stringify({ partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } });
}

/** The partial success in a protobuf response body, or undefined for full success. Malformed: SB_MALFORMED. */
export function decodeExportResponseProto(body: Uint8Array): ExportPartialSuccess | undefined {
  let m: PbResponse;
  try {
    m = ExportTraceServiceResponseType.decode(body) as PbResponse;
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `response is not a valid ExportTraceServiceResponse protobuf: ${(e as Error).message}`);
  }
  const ps = m.partialSuccess;
  if (ps === null || ps === undefined) return undefined;
  const out = { rejectedSpans: Number(i64FromPb(ps.rejectedSpans)), errorMessage: ps.errorMessage ?? '' };
  return isSet(out) ? out : undefined;
}

/** The partial success in a JSON response body (empty body = full success), or undefined. Malformed: SB_MALFORMED. */
export function decodeExportResponseJson(body: Buffer | string): ExportPartialSuccess | undefined {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    const root = jsonObject(JSON.parse(text), '(body)');
    if (root === undefined) throw new FieldProblem('(body)', 'expected an ExportTraceServiceResponse object');
    const ps = jsonObject(field(root, 'partialSuccess', 'partial_success'), 'partialSuccess') as JsonObject | undefined;
    if (ps === undefined) return undefined;
    const rejected = field(ps, 'rejectedSpans', 'rejected_spans');
    const out = {
      rejectedSpans: rejected === undefined || rejected === null ? 0 : Number(jsonInt64(rejected, 'partialSuccess.rejectedSpans')),
      errorMessage: jsonString(field(ps, 'errorMessage', 'error_message'), 'partialSuccess.errorMessage'),
    };
    return isSet(out) ? out : undefined;
  } catch (e) {
    throw asMalformed(e, 'ExportTraceServiceResponse');
  }
}
