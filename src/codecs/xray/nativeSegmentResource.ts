import type { AnyValue, Attributes } from '../../model/span.js';
import { resourceMetadata } from './resourceMetadata.js';
import type { ResourceMetadata } from './resourceMetadata.js';
import { segmentResourceFields } from './segmentResourceFields.js';
import type { SegmentResourceFields } from './segmentResourceFields.js';
import type { XrayEncodeOptions } from './xrayEncodeOptions.js';

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
// memoised. Bounded: a few resources per service name, all dropped when too many names were seen.
const MAX_NAMES = 512;
const MAX_PER_NAME = 4;
const memos = new Map<string, Memo[]>();

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
      if (memos.size >= MAX_NAMES) memos.clear();
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
