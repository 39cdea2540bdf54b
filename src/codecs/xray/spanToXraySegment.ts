import { PipelineError } from '../../errors.js';
import { isValidSpanId, isValidTraceId } from '../../model/ids.js';
import type { InstrumentationScope, Resource, Span } from '../../model/span.js';
import { encodeXrayNode } from './encodeXrayNode.js';
import type { XrayEncodeOptions } from './xrayEncodeOptions.js';
import type { XraySegmentDocument } from './xraySegmentDocument.js';

/**
 * One span as a document of its own: a segment for SERVER spans and spans without a parent, else
 * an independent subsegment (`type: "subsegment"`, `parent_id`, `trace_id`). A span decoded from X-Ray keeps the form
 * it had, except that an embedded subsegment becomes an independent one (batchToXrayDocuments nests it again when its
 * parent is in the batch). The scope carries nothing X-Ray has a field for. Throws SB_MALFORMED for invalid ids.
 */
export function spanToXraySegment(span: Span, resource: Resource, _scope: InstrumentationScope, options: XrayEncodeOptions = {}): XraySegmentDocument {
  if (!isValidTraceId(span.traceId)) throw new PipelineError('SB_MALFORMED', `span ${span.spanId}: trace id ${JSON.stringify(span.traceId)} is not 32 hex digits (or is all zeros)`);
  if (!isValidSpanId(span.spanId)) throw new PipelineError('SB_MALFORMED', `span id ${JSON.stringify(span.spanId)}: not 16 hex digits (or all zeros)`);
  return encodeXrayNode(span, resource, options, 'top');
}
