import type { TraceBatch } from '../../model/span.js';
import { modelSpanToZipkin, type ZipkinEncodeOptions } from './modelSpanToZipkin.js';
import type { ZipkinSpan } from './zipkinSpan.js';

/** Every span of a batch as a Zipkin span, in batch order. The batch is only read. */
export function batchToZipkinSpans(batch: TraceBatch, options?: ZipkinEncodeOptions): ZipkinSpan[] {
  const out: ZipkinSpan[] = [];
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) out.push(modelSpanToZipkin(s, rs.resource, ss.scope, options));
  return out;
}
