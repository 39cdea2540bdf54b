import type { AnyValue } from '../../model/span.js';
import { applyDocumentPatch } from './applyDocumentPatch.js';
import type { SegmentResourceFields } from './segmentResourceFields.js';
import { mergeXrayMetadata, xrayMetadataJson } from './xrayMetadataParts.js';
import type { XrayMetadataParts } from './xrayMetadataParts.js';
import type { XraySegmentDocument } from './xraySegmentDocument.js';

/**
 * One encoded node before its last steps, kept apart so that a batch can write the parts every segment of a resource
 * shares as text made once (nativeSegmentResource.ts). completeXrayNode gives the node; xrayNodeJson its JSON text.
 */
export interface XrayNodeParts {
  /** The fields in document order, up to `http`, or all of them (but `metadata`) when resourceFields is undefined. */
  doc: XraySegmentDocument;
  /** `aws` and `service` of a native segment that has them from its resource alone (shared: copied, never changed). */
  resourceFields: SegmentResourceFields | undefined;
  /** With resourceFields: the fields that follow them (`sql` to `annotations`). */
  rest: Partial<XraySegmentDocument> | undefined;
  /** Set last, so it is the last key. */
  metadata: XrayMetadataParts | undefined;
  /** `aws.xray.extra_fields` / `aws.xray.omitted_fields`, applied to the finished node (applyDocumentPatch). */
  patch: { extra: AnyValue | undefined; omitted: readonly AnyValue[] | undefined } | undefined;
}

/** The finished node. What resourceFields share is copied, so a document never shares objects through a memo. */
export function completeXrayNode(parts: XrayNodeParts): XraySegmentDocument {
  const { doc, resourceFields, rest, metadata, patch } = parts;
  if (resourceFields !== undefined) {
    if (resourceFields.aws !== undefined) doc.aws = structuredClone(resourceFields.aws);
    if (resourceFields.service !== undefined) doc.service = { ...resourceFields.service };
    Object.assign(doc, rest);
  }
  const merged = metadata === undefined ? undefined : mergeXrayMetadata(metadata);
  if (merged !== undefined) doc.metadata = merged;
  if (patch !== undefined) applyDocumentPatch(doc, patch.extra, patch.omitted);
  return doc;
}

/**
 * JSON.stringify(completeXrayNode(parts)) for a node without subsegments, joined from the text of its parts (the
 * shared ones made once). Undefined when nothing in it is shared (stringifying the finished node is then quicker), or
 * where joined text could differ (a patch, or what xrayMetadataJson declines): the caller stringifies the finished node.
 */
export function xrayNodeJson(parts: XrayNodeParts): string | undefined {
  if (parts.patch !== undefined || (parts.resourceFields === undefined && parts.metadata?.resource === undefined)) return undefined;
  const metadata = parts.metadata === undefined ? '' : xrayMetadataJson(parts.metadata);
  if (metadata === undefined) return undefined;
  const fields = JSON.stringify(parts.doc);
  let tail = '';
  if (parts.resourceFields !== undefined) {
    tail = parts.resourceFields.json;
    const rest = parts.rest === undefined ? '{}' : JSON.stringify(parts.rest);
    if (rest !== '{}') tail += `,${rest.slice(1, -1)}`;
  }
  if (metadata !== '') tail += `,"metadata":${metadata}`;
  return tail === '' ? fields : `${fields.slice(0, -1)}${tail}}`;
}
