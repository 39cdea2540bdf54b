import type { TraceBatch } from '../../model/span.js';
import { batchToZipkinSpans } from './batchToZipkinSpans.js';
import type { ZipkinEncodeOptions } from './modelSpanToZipkin.js';
import { zipkinSpanToJson } from './zipkinSpanToJson.js';

/** A batch as a Zipkin v2 JSON ListOfSpans (spec section 2.6; names keep their case). The batch is only read. */
export function encodeZipkinV2Json(batch: TraceBatch, options?: ZipkinEncodeOptions): string {
  return JSON.stringify(batchToZipkinSpans(batch, options).map(zipkinSpanToJson));
}
