import type { ResourceSpans } from '../../model/span.js';
import { diffDocumentFields } from './diffDocumentFields.js';
import { encodeXrayNode } from './encodeXrayNode.js';
import { isJsonObject } from './isJsonObject.js';
import { readXrayNode } from './readXrayNode.js';
import type { XrayReadContext } from './readXrayNode.js';
import { readXrayResource } from './readXrayResource.js';
import { restoreOriginalTraceId } from './restoreOriginalTraceId.js';
import { XRAY_EXTRA_FIELDS, XRAY_OMITTED_FIELDS } from './xrayAttributeNames.js';
import { readString, xrayProblem } from './xrayFieldReaders.js';

const TRACE_ID = /^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/;
const SPAN_ID = /^[0-9a-fA-F]{16}$/;
/** Rebuilt from the span structure, never restored from a diff: ids (case is normalised) and the nesting. */
const STRUCTURE = new Set(['trace_id', 'id', 'subsegments']);

/**
 * One parsed top-level X-Ray document (segment or independent subsegment) as one ResourceSpans with one scope and a
 * span per node, depth-first pre-order. Resource attributes come from the top-level node. Each node is then encoded
 * back and whatever that misses or adds is kept on its span in `aws.xray.extra_fields` / `aws.xray.omitted_fields`,
 * which makes X-Ray -> model -> X-Ray exact whatever the document holds. Throws SB_MALFORMED naming the field.
 * `parsedFromText`: the document is JSON.parse's result (not a caller's object), which lets that check skip work.
 */
export function readXrayDocument(doc: unknown, parsedFromText = false): ResourceSpans {
  if (!isJsonObject(doc)) throw xrayProblem('(top level)', 'expected a JSON object');
  const traceIdText = readString(doc, 'trace_id', '');
  if (traceIdText === undefined) throw xrayProblem('trace_id', 'missing');
  if (!TRACE_ID.test(traceIdText)) throw xrayProblem('trace_id', `expected 1-{8 hex}-{24 hex} (got ${JSON.stringify(traceIdText)})`);
  const xrayTraceId = traceIdText.toLowerCase();
  const parentText = readString(doc, 'parent_id', '');
  if (parentText !== undefined && !SPAN_ID.test(parentText)) throw xrayProblem('parent_id', `expected 16 hex digits (got ${JSON.stringify(parentText)})`);
  const parent = parentText === undefined || /^0+$/.test(parentText) ? '' : parentText.toLowerCase();
  const type = readString(doc, 'type', '');
  const kind = type?.toLowerCase() === 'subsegment' && parent !== '' ? 'subsegment' : 'segment';

  const annotations = isJsonObject(doc.annotations) ? doc.annotations : undefined;
  const traceId = restoreOriginalTraceId(xrayTraceId, annotations);
  const plain = xrayTraceId.slice(2, 10) + xrayTraceId.slice(11);
  const ctx: XrayReadContext = { traceId, xrayTraceId: traceId === plain ? undefined : xrayTraceId, nodes: [] };
  // Values parsed from JSON text come back the same from JSON text, so the check below can reuse them for the texts
  // it would parse; values of a caller's object (perhaps not plain JSON: undefined, NaN, toJSON) are parsed again.
  if (parsedFromText) ctx.metadataTexts = new Map();
  readXrayNode(doc, '', ctx, kind, parent, 0);

  const resource = { attributes: readXrayResource(doc), droppedAttributesCount: 0 };
  for (const { span, node, kind: nodeKind } of ctx.nodes) {
    const encoded = encodeXrayNode(span, resource, {}, nodeKind === 'embedded' ? 'embedded' : 'top', { metadataTexts: ctx.metadataTexts });
    const { extra, omitted } = diffDocumentFields(node, encoded, STRUCTURE);
    if (extra !== undefined) span.attributes.set(XRAY_EXTRA_FIELDS, extra);
    if (omitted.length > 0) span.attributes.set(XRAY_OMITTED_FIELDS, omitted);
  }
  return {
    resource,
    schemaUrl: '',
    scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: ctx.nodes.map((n) => n.span) }],
  };
}
