import { isValidSpanId, isValidTraceId } from '../../model/ids.js';
import type { Resource, Span, TraceBatch } from '../../model/span.js';
import { completeXrayNode, xrayNodeJson } from './nodeParts.js';
import type { NativeSegmentResourceCache, XrayNodeParts } from './nodeParts.js';
import { encodeXrayNode, encodeXrayNodeParts } from './spanToXraySegment.js';
import type { XrayPlacement } from './spanToXraySegment.js';
import { XRAY_DOCUMENT_KIND } from './xrayAttributeNames.js';
import { MAX_DOCUMENT_BYTES } from './xraySegmentDocument.js';
import type { XrayEncodeOptions, XraySegmentDocument } from './xraySegmentDocument.js';

interface Entry {
  span: Span;
  resource: Resource;
  children: Entry[];
  placement: XrayPlacement;
  reached: boolean;
}

/**
 * A batch as X-Ray documents (JSON text) for PutTraceSegments. Every span is its own document, except spans that were
 * embedded subsegments in an X-Ray document, which are nested into their parent's document again when the parent is in
 * the batch (so X-Ray -> model -> X-Ray gives back the same documents). A document over `maxDocumentBytes` (64 kB,
 * X-Ray's limit) is split: its embedded subsegments become independent ones; a single node still too large loses its
 * metadata, then is dropped. Spans with invalid ids are skipped. Every skip or cut is named in `problems`. Reads the
 * batch without changing it.
 */
export function batchToXrayDocuments(batch: TraceBatch, options: XrayEncodeOptions = {}): { documents: string[]; problems: string[] } {
  const problems: string[] = [];
  const entries: Entry[] = [];
  let embedded = false;
  for (const rs of batch.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        if (!isValidTraceId(span.traceId) || !isValidSpanId(span.spanId)) {
          problems.push(`span ${JSON.stringify(span.spanId)} of trace ${JSON.stringify(span.traceId)}: invalid trace or span id; skipped`);
          continue;
        }
        entries.push({ span, resource: rs.resource, children: [], placement: 'top', reached: false });
        if (span.parentSpanId !== '' && span.attributes.get(XRAY_DOCUMENT_KIND) === 'embedded') embedded = true;
      }
    }
  }
  const tops = embedded ? nestEmbedded(entries) : entries;
  const documents: string[] = [];
  const max = options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  const resources: NativeSegmentResourceCache = new Map();
  for (const t of tops) {
    let doc: XraySegmentDocument | undefined;
    let parts: XrayNodeParts | undefined;
    try {
      if (t.children.length > 0) doc = build(t, options);
      else {
        parts = encodeXrayNodeParts(t.span, t.resource, options, t.placement, { resources });
        if (parts.patch !== undefined) doc = completeXrayNode(parts);
      }
    } catch (err) {
      problems.push(`span ${t.span.spanId}: ${err instanceof Error ? err.message : String(err)}; skipped`);
      continue;
    }
    if (doc === undefined && parts !== undefined) {
      // Most documents: text joined from parts, what a resource gives its segments written once (nodeParts.ts).
      const text = xrayNodeJson(parts);
      if (text !== undefined && fits(text, max)) {
        documents.push(text);
        continue;
      }
      doc = completeXrayNode(parts);
    }
    emit(doc as XraySegmentDocument, max, documents, problems);
  }
  return { documents, problems };
}

/**
 * Hangs each embedded span under its parent's entry when the parent is in the batch (same trace, its span id), and
 * returns the entries that are documents of their own.
 */
function nestEmbedded(entries: Entry[]): Entry[] {
  const bySpan = new Map<string, Entry>();
  for (const e of entries) bySpan.set(e.span.traceId + e.span.spanId, e);
  for (const e of entries) {
    if (e.span.parentSpanId === '' || e.span.attributes.get(XRAY_DOCUMENT_KIND) !== 'embedded') continue;
    const parent = bySpan.get(e.span.traceId + e.span.parentSpanId);
    if (parent === undefined || parent === e) continue;
    e.placement = 'embedded';
    parent.children.push(e);
  }
  const tops = entries.filter((e) => e.placement === 'top');
  for (const t of tops) markReached(t);
  for (const e of entries) {
    if (!e.reached) {
      // A cycle of embedded spans (bad input): each becomes a document of its own.
      e.placement = 'top';
      e.children = [];
      e.reached = true;
      tops.push(e);
    }
  }
  return tops;
}

function markReached(e: Entry): void {
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop() as Entry;
    if (x.reached) continue;
    x.reached = true;
    for (const c of x.children) if (c.placement === 'embedded') stack.push(c);
  }
}

function build(e: Entry, options: XrayEncodeOptions): XraySegmentDocument {
  const doc = encodeXrayNode(e.span, e.resource, options, e.placement);
  if (e.children.length > 0) doc.subsegments = e.children.map((c) => build(c, options));
  return doc;
}

/** Whether a document's text is at most `max` bytes of UTF-8 (at most 3 bytes per UTF-16 unit). */
function fits(text: string, max: number): boolean {
  return text.length * 3 <= max || Buffer.byteLength(text, 'utf8') <= max;
}

function emit(doc: XraySegmentDocument, max: number, out: string[], problems: string[]): void {
  const text = JSON.stringify(doc);
  if (fits(text, max)) {
    out.push(text);
    return;
  }
  const children = doc.subsegments;
  if (children !== undefined && children.length > 0) {
    delete doc.subsegments;
    emit(doc, max, out, problems);
    for (const child of children) {
      child.trace_id = doc.trace_id as string;
      child.parent_id = doc.id;
      child.type = 'subsegment';
      emit(child, max, out, problems);
    }
    return;
  }
  if (doc.metadata !== undefined) {
    delete doc.metadata;
    problems.push(`span ${doc.id}: document over ${max} bytes; its metadata was left out`);
    emit(doc, max, out, problems);
    return;
  }
  problems.push(`span ${doc.id}: document is ${Buffer.byteLength(text, 'utf8')} bytes, over ${max} even without subsegments and metadata; dropped`);
}
