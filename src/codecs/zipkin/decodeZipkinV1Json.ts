import { PipelineError } from '../../errors.js';
import { buildDecodeResult } from './buildDecodeResult.js';
import { convertV1Span } from './convertV1Span.js';
import { parseJsonBody } from './parseJsonBody.js';
import { readV1JsonSpan } from './readV1JsonSpan.js';
import type { ZipkinDecodeOptions, ZipkinDecodeResult } from './zipkinDecodeResult.js';

/**
 * Zipkin v1 JSON (an array of v1 spans) to a batch, through Zipkin's v1 -> v2 conversion (spec section 1.3), so a v1
 * span holding both sides of an RPC becomes a CLIENT and a `shared` SERVER span. Throws SB_MALFORMED when the body is
 * not a JSON array; unusable spans are dropped and reported in the result.
 */
export function decodeZipkinV1Json(body: Buffer | string, options?: ZipkinDecodeOptions): ZipkinDecodeResult {
  const json = parseJsonBody(body);
  if (!Array.isArray(json)) throw new PipelineError('SB_MALFORMED', `body must be a JSON array of Zipkin v1 spans, not ${json === null ? 'null' : typeof json}`);
  return buildDecodeResult(json, (raw, where) => convertV1Span(readV1JsonSpan(raw, where)), options);
}
