import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import { isJsonObject } from './isJsonObject.js';
import { xrayDocumentToBatch } from './xrayDocumentToBatch.js';

export interface XrayTracesDecodeResult {
  batch: TraceBatch;
  /** Documents that could not be read (each names its place, e.g. `Traces[0].Segments[3]: ...`). */
  rejected: number;
  problems: string[];
}

/**
 * BatchGetTraces output (`{Traces: [{Id, Segments: [{Id, Document}]}]}`, or its `Traces` array) as one
 * batch: every `Document` string translated on its own, inferred segments included (flagged by
 * `aws.xray.inferred`). A bad document is counted and named, not fatal to the others (one bad document loses the
 * whole page in dtPaTh/AWS.XRayExporter's converter).
 */
export function xrayTracesToBatch(traces: unknown): XrayTracesDecodeResult {
  const list = Array.isArray(traces) ? traces : isJsonObject(traces) && Array.isArray(traces.Traces) ? traces.Traces : undefined;
  if (list === undefined) throw new PipelineError('SB_MALFORMED', 'BatchGetTraces output: expected an object with a Traces array, or that array');
  const batch: TraceBatch = { resourceSpans: [] };
  const problems: string[] = [];
  list.forEach((trace: unknown, t) => {
    const segments = isJsonObject(trace) ? trace.Segments : undefined;
    if (!Array.isArray(segments)) {
      problems.push(`Traces[${t}].Segments: expected an array`);
      return;
    }
    segments.forEach((segment: unknown, s) => {
      const where = `Traces[${t}].Segments[${s}]`;
      const document = isJsonObject(segment) ? segment.Document : undefined;
      if (typeof document !== 'string') {
        problems.push(`${where}.Document: expected a JSON string`);
        return;
      }
      try {
        batch.resourceSpans.push(...xrayDocumentToBatch(document).resourceSpans);
      } catch (err) {
        problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  return { batch, rejected: problems.length, problems };
}
