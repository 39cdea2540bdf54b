import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import { readXrayDocument } from './readXrayDocument.js';

/**
 * One X-Ray segment document (JSON text or parsed) as a batch: one ResourceSpans, a span per segment and embedded
 * subsegment (docs/xray-mapping.md; README.md lists the attributes). A document that is not JSON or breaks a rule
 * is rejected whole with SB_MALFORMED naming the field, e.g. `X-Ray document subsegments[0].namespace: unexpected
 * namespace "invalidNs"`. The UDP daemon header line is the transport's to strip.
 */
export function xrayDocumentToBatch(doc: string | object): TraceBatch {
  let parsed: unknown = doc;
  if (typeof doc === 'string') {
    try {
      parsed = JSON.parse(doc);
    } catch (err) {
      throw new PipelineError('SB_MALFORMED', `X-Ray document: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return { resourceSpans: [readXrayDocument(parsed, typeof doc === 'string')] };
}
