import { batchToXrayDocuments } from '../../codecs/xray/batchToXrayDocuments.js';
import type { XraySegmentDocument } from '../../codecs/xray/xraySegmentDocument.js';
import type { TraceBatch } from '../../model/span.js';

export interface TraceDocument {
  /** The document's JSON text, as BatchGetTraces returns it. */
  text: string;
  doc: XraySegmentDocument;
}

/**
 * A stored trace as X-Ray documents, encoded by the codec (so spans that came from X-Ray get their X-Ray trace id and
 * the epoch fix's annotation back, and spans from elsewhere are mapped as the `awsxray` exporter would). Spans the
 * codec cannot encode are left out.
 */
export function traceDocuments(batch: TraceBatch): TraceDocument[] {
  return batchToXrayDocuments(batch).documents.map((text) => ({ text, doc: JSON.parse(text) as XraySegmentDocument }));
}
