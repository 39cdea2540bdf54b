// Encoding speed: `JSON.stringify` is most of the work, so what every native segment of a resource shares (its
// `aws`/`service` fields and `otel.resource.*` metadata) is worked out and stringified once, and a node is kept in parts
// so a batch can join that shared text with the rest. Documents are byte-identical to stringifying the finished node.
import { LRUCache } from 'lru-cache';
import type { AnyValue, Attributes } from '../../model/span.js';
import { mergeXrayMetadata, resourceMetadata, xrayMetadataJson } from './annotationsAndMetadata.js';
import type { ResourceMetadata, XrayMetadataParts } from './annotationsAndMetadata.js';
import { applyDocumentPatch } from './documentPatch.js';
import { writeResourceAwsBlocks } from './resource.js';
import type { XrayAws, XrayEncodeOptions, XraySegmentDocument } from './xraySegmentDocument.js';

/** The `aws` and `service` fields of a native segment whose span gives no `aws` field: all from its resource. */
export interface SegmentResourceFields {
  /** Undefined when not written (nothing to write, or `cloud.provider` is not AWS). */
  readonly aws: XrayAws | undefined;
  readonly service: { version: string } | undefined;
  /** Both as JSON object members, each after a comma (`,"aws":{...},"service":{...}`), '' for neither. */
  readonly json: string;
}

/** The resource's `aws` blocks and `service`, as encodeXrayNode writes them when the span's `aws` part is empty. */
function segmentResourceFields(resource: Attributes): SegmentResourceFields {
  const aws: XrayAws = {};
  const version = writeResourceAwsBlocks(resource, aws, false);
  const provider = resource.get('cloud.provider');
  const written = Object.keys(aws).length > 0 && (provider === undefined || provider === 'aws') ? aws : undefined;
  const service = version === undefined ? undefined : { version };
  let json = '';
  if (written !== undefined) json += `,"aws":${JSON.stringify(written)}`;
  if (service !== undefined) json += `,"service":${JSON.stringify(service)}`;
  return { aws: written, service, json };
}

/** What every native segment of one resource takes from it, worked out once (with its JSON text). */
export interface NativeSegmentResource {
  readonly metadata: ResourceMetadata;
  readonly fields: SegmentResourceFields;
}

/**
 * Resources already worked out in one call that encodes a batch under one set of options: the batch does not change
 * during the call, so a resource object found here needs no comparison.
 */
export type NativeSegmentResourceCache = Map<Attributes, NativeSegmentResource>;

interface Memo {
  indexAll: boolean;
  indexed: readonly string[] | undefined;
  /** The resource's keys and values, alternately, all primitives. */
  content: AnyValue[];
  value: NativeSegmentResource;
}

// Across calls, memoised by content: a batch holds one resource object per service at best (a fresh one per request at
// worst). Candidates are found by `service.name` and used only when every key and value is the same; the values are
// primitives, so nothing can have changed inside them. Resources with an array, kvlist or bytes value are not
// memoised. Bounded: a few resources per service name (the oldest goes first), and the service names least recently
// used are forgotten past MAX_NAMES.
const MAX_NAMES = 512;
const MAX_PER_NAME = 4;
const memos = new LRUCache<string, Memo[]>({ max: MAX_NAMES });

/** The resource's share of each native segment under `options`; the result is shared, never to be changed. */
export function nativeSegmentResource(resource: Attributes, options: XrayEncodeOptions, cache?: NativeSegmentResourceCache): NativeSegmentResource {
  const known = cache?.get(resource);
  if (known !== undefined) return known;
  const value = memoised(resource, options);
  cache?.set(resource, value);
  return value;
}

function memoised(resource: Attributes, options: XrayEncodeOptions): NativeSegmentResource {
  const indexAll = options.indexAllAttributes === true;
  const indexed = options.indexedAttributes;
  const serviceName = resource.get('service.name');
  const name = typeof serviceName === 'string' ? serviceName : '';
  const candidates = memos.get(name);
  if (candidates !== undefined) {
    for (const m of candidates) if (m.indexAll === indexAll && m.indexed === indexed && sameContent(m.content, resource)) return m.value;
  }
  const value: NativeSegmentResource = { metadata: resourceMetadata(resource, options), fields: segmentResourceFields(resource) };
  const content = primitiveContent(resource);
  if (content !== undefined) {
    const memo: Memo = { indexAll, indexed, content, value };
    if (candidates === undefined) {
      memos.set(name, [memo]);
    } else {
      if (candidates.length >= MAX_PER_NAME) candidates.shift();
      candidates.push(memo);
    }
  }
  return value;
}

/** Keys and values alternately, or undefined when a value is mutable (array, kvlist, bytes). */
function primitiveContent(resource: Attributes): AnyValue[] | undefined {
  const out: AnyValue[] = [];
  for (const [k, v] of resource) {
    if (typeof v === 'object' && v !== null) return undefined;
    out.push(k, v);
  }
  return out;
}

// Keys and values walked apart: no [key, value] array per entry.
function sameContent(content: readonly AnyValue[], resource: Attributes): boolean {
  if (content.length !== resource.size * 2) return false;
  let i = 0;
  for (const k of resource.keys()) {
    if (content[i] !== k) return false;
    i += 2;
  }
  i = 1;
  for (const v of resource.values()) {
    if (content[i] !== v) return false;
    i += 2;
  }
  return true;
}

/**
 * One encoded node before its last steps, kept apart so that a batch can write the parts every segment of a resource
 * shares as text made once (nativeSegmentResource). completeXrayNode gives the node; xrayNodeJson its JSON text.
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
 * JSON.stringify(completeXrayNode(parts)) for a node without subsegments, joined from the text of its parts (the shared
 * ones made once). Undefined when nothing in it is shared (stringifying the finished node is then quicker), or where
 * joined text could differ (a patch, or what xrayMetadataJson declines): the caller stringifies the finished node.
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
