import { PipelineError } from '../../errors.js';
import { buildDecodeResult } from './buildDecodeResult.js';
import { parseJsonBody } from './parseJsonBody.js';
import { readV2JsonSpan } from './readV2JsonSpan.js';
import type { ZipkinDecodeOptions, ZipkinDecodeResult } from './zipkinDecodeResult.js';

/**
 * Zipkin v2 JSON (a ListOfSpans array, or one span object as a list of one) to a batch. Throws SB_MALFORMED when the
 * body is not JSON or not a list; unusable spans are dropped and reported in the result.
 */
export function decodeZipkinV2Json(body: Buffer | string, options?: ZipkinDecodeOptions): ZipkinDecodeResult {
  const json = parseJsonBody(body);
  let items: unknown[];
  if (Array.isArray(json)) items = json;
  else if (json !== null && typeof json === 'object') items = [json];
  else throw new PipelineError('SB_MALFORMED', `body must be a JSON array of Zipkin v2 spans, not ${json === null ? 'null' : typeof json}`);
  return buildDecodeResult(items, (raw, where) => [readV2JsonSpan(raw, where)], options);
}
