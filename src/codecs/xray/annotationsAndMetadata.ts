// Annotations (indexed, scalar) and metadata (anything, by namespace) both ways. On the way out they are made from
// the attributes no other field took; a native segment's resource adds its own as `otel.resource.<key>`.
import { anyValueToJson } from '../../model/attributes.js';
import type { AnyValue, Attributes } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { isJsonObject, readObject } from './fieldReaders.js';
import { XRAY_ANNOTATIONS, XRAY_METADATA_PREFIX } from './xrayAttributeNames.js';
import type { XrayEncodeOptions } from './xraySegmentDocument.js';

/** What an X-Ray annotation may hold. */
export type AnnotationValue = string | number | boolean;

/** A value as an annotation: strings, booleans, finite doubles and int64 (as a number); anything else cannot be one. */
function annotationValue(v: AnyValue): AnnotationValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

const INVALID = /[^A-Za-z0-9_.]/g;
const MAX_KEY_LENGTH = 500;

/**
 * An annotation key X-Ray keeps: letters, digits, `_` and `.` (accepted since 2024, the contrib
 * `exporter.xray.allowDot` default); anything else becomes `_`; at most 500 characters.
 */
function sanitizeAnnotationKey(key: string): string {
  const out = key.replace(INVALID, '_');
  return out.length > MAX_KEY_LENGTH ? out.slice(0, MAX_KEY_LENGTH) : out;
}

/**
 * Annotations become attributes under their own keys, and their keys are listed in `aws.xray.annotations` (the contrib
 * receiver's convention), so annotations and metadata stay apart. Integral numbers become int64, others double (X-Ray
 * has one number type; int64 is what most senders meant). Values that are not string, number or boolean are not
 * annotations X-Ray allows and are skipped here. Each metadata namespace becomes `aws.xray.metadata.<ns>` holding its
 * JSON text (metadata is arbitrary JSON, which attributes cannot hold as such); `metadataTexts`, when given, records
 * each text with the value it was made from.
 */
export function readAnnotationsAndMetadata(node: Record<string, unknown>, where: string, attrs: Attributes, metadataTexts?: Map<string, unknown>): void {
  const annotations = readObject(node, 'annotations', where);
  if (annotations !== undefined) {
    const keys: string[] = [];
    for (const [k, v] of Object.entries(annotations)) {
      if (typeof v === 'string' || typeof v === 'boolean') attrs.set(k, v);
      else if (typeof v === 'number') attrs.set(k, Number.isSafeInteger(v) ? BigInt(v) : v);
      else continue;
      keys.push(k);
    }
    if (keys.length > 0) attrs.set(XRAY_ANNOTATIONS, keys);
  }
  const metadata = readObject(node, 'metadata', where);
  if (metadata !== undefined) {
    for (const [ns, v] of Object.entries(metadata)) {
      if (v === undefined) continue;
      const text = JSON.stringify(v);
      attrs.set(XRAY_METADATA_PREFIX + ns, text);
      metadataTexts?.set(text, v);
    }
  }
}

/**
 * Annotations and metadata from the attributes no other field took. Annotated: keys in `indexedAttributes` (even when a
 * field took them, as the contrib exporter does), keys listed in `aws.xray.annotations`, or every scalar with
 * `indexAllAttributes`. Non-scalar values go to metadata instead of being dropped (contrib drops them).
 * `aws.xray.metadata.<ns>` JSON strings become `metadata[ns]` (`default` merged). Keys are sanitised, except those of a
 * span decoded from X-Ray, which X-Ray produced. `resource`, given for native segments, adds the resource's
 * `otel.resource.<key>` entries (resourceMetadata). Metadata comes in parts (XrayMetadataParts), undefined when there
 * is none. `metadataTexts`: JSON texts already parsed (XrayEncodeContext).
 */
export function writeAnnotationsAndMetadata(r: AttributeReader, resource: ResourceMetadata | undefined, options: XrayEncodeOptions, fromXray: boolean, metadataTexts?: ReadonlyMap<string, unknown>): { annotations?: Record<string, AnnotationValue>; metadata?: XrayMetadataParts } {
  const indexAll = options.indexAllAttributes === true;
  const configured = options.indexedAttributes ?? [];
  const configuredSet = configured.length === 0 ? undefined : new Set(configured);
  const listed = r.strings(XRAY_ANNOTATIONS);
  const listedSet = listed === undefined ? undefined : new Set(listed);
  let annotations: Record<string, AnnotationValue> | undefined;
  let namespaces: Record<string, unknown> | undefined;
  let defaults: Record<string, unknown> | undefined;
  const annotate = (key: string, value: AnnotationValue, verbatim: boolean) => {
    (annotations ??= {})[verbatim ? key : sanitizeAnnotationKey(key)] = value;
  };

  for (const key of configured) {
    const v = r.attributes.get(key);
    const s = v === undefined || !r.used.has(key) ? undefined : annotationValue(v);
    if (s !== undefined) annotate(key, s, false);
  }
  if (resource !== undefined) for (const [key, s] of resource.annotations) annotate(key, s, true);
  for (const [k, v] of r.attributes) {
    if (r.used.has(k)) continue;
    if (k.startsWith(XRAY_METADATA_PREFIX) && typeof v === 'string') {
      const ns = k.slice(XRAY_METADATA_PREFIX.length);
      const known = metadataTexts?.get(v);
      const parsed = known === undefined ? parseObject(v) : isJsonObject(known) ? known : undefined;
      if (parsed === undefined) (defaults ??= {})[k] = v;
      else if (ns.toLowerCase() === 'default') defaults = Object.assign(defaults ?? {}, parsed);
      else (namespaces ??= {})[ns] = parsed;
      continue;
    }
    const isListed = listedSet?.has(k) === true;
    const s = isListed || indexAll || configuredSet?.has(k) === true ? annotationValue(v) : undefined;
    if (s !== undefined) annotate(k, s, fromXray && isListed);
    else (defaults ??= {})[k] = anyValueToJson(v);
  }
  const out: { annotations?: Record<string, AnnotationValue>; metadata?: XrayMetadataParts } = {};
  if (annotations !== undefined) out.annotations = annotations;
  const withResource = resource !== undefined && resource.defaults.length > 0 ? resource : undefined;
  if (withResource !== undefined || defaults !== undefined || namespaces !== undefined) out.metadata = { resource: withResource, defaults, namespaces };
  return out;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isJsonObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** What a native segment's resource adds to its annotations and metadata (`otel.resource.<key>`). */
export interface ResourceMetadata {
  /** Sanitised keys and values of the resource scalars that are annotated (indexAllAttributes, indexedAttributes). */
  readonly annotations: ReadonlyArray<readonly [string, AnnotationValue]>;
  /** The other resource attributes, as metadata `default` entries in resource order. */
  readonly defaults: ReadonlyArray<readonly [string, unknown]>;
  readonly defaultKeys: ReadonlySet<string>;
  /** `defaults` as the members of a JSON object, as JSON.stringify writes them between the braces ('' for none). */
  readonly defaultsJson: string;
}

/** A resource's scalars annotated as `otel.resource.<key>` when indexed, the rest metadata. */
export function resourceMetadata(resource: Attributes, options: XrayEncodeOptions): ResourceMetadata {
  const indexAll = options.indexAllAttributes === true;
  const indexed = options.indexedAttributes;
  const indexedSet = indexed === undefined || indexed.length === 0 ? undefined : new Set(indexed);
  const annotations: Array<readonly [string, AnnotationValue]> = [];
  const defaults: Array<readonly [string, unknown]> = [];
  const defaultsObject: Record<string, unknown> = {};
  for (const [k, v] of resource) {
    const key = `otel.resource.${k}`;
    const s = annotationValue(v);
    if (s !== undefined && (indexAll || indexedSet?.has(key) === true)) annotations.push([sanitizeAnnotationKey(key), s]);
    else {
      const json = anyValueToJson(v);
      defaults.push([key, json]);
      defaultsObject[key] = json;
    }
  }
  return { annotations, defaults, defaultKeys: new Set(defaults.map(([k]) => k)), defaultsJson: JSON.stringify(defaultsObject).slice(1, -1) };
}

/**
 * A node's `metadata` in the parts it is made of, so that a batch can write the resource's share as JSON text made once
 * per resource instead of once per segment. mergeXrayMetadata gives the object itself.
 */
export interface XrayMetadataParts {
  /** The resource's `default` entries (native segments only); they come first. */
  resource: ResourceMetadata | undefined;
  /** The span's `default` entries, set after the resource's (a key the resource has too keeps its place). */
  defaults: Record<string, unknown> | undefined;
  /** The other namespaces (`aws.xray.metadata.<ns>`). */
  namespaces: Record<string, unknown> | undefined;
}

/** The `metadata` object, or undefined when there is none. */
export function mergeXrayMetadata(parts: XrayMetadataParts): Record<string, unknown> | undefined {
  let defaults = parts.defaults;
  const fromResource = parts.resource?.defaults ?? [];
  if (fromResource.length > 0) {
    const merged: Record<string, unknown> = {};
    for (const [k, v] of fromResource) merged[k] = v;
    if (defaults !== undefined) {
      // An attribute named `__proto__` set the span entries' prototype (JSON.stringify ignores it); it is kept as it was.
      const proto: unknown = Object.getPrototypeOf(defaults);
      if (proto !== Object.prototype) Object.setPrototypeOf(merged, proto as object | null);
      Object.assign(merged, defaults);
    }
    defaults = merged;
  }
  return defaults === undefined ? parts.namespaces : { default: defaults, ...parts.namespaces };
}

/**
 * JSON.stringify(mergeXrayMetadata(parts)), built from the resource's text, or undefined where joining texts could
 * differ from it: with other namespaces, or span keys that the resource has too or that JavaScript orders first (array
 * indices, which start with a digit).
 */
export function xrayMetadataJson(parts: XrayMetadataParts): string | undefined {
  if (parts.namespaces !== undefined) return undefined;
  const resourceJson = parts.resource?.defaultsJson ?? '';
  if (parts.defaults === undefined) return resourceJson === '' ? undefined : `{"default":{${resourceJson}}}`;
  const resourceKeys = parts.resource?.defaultKeys;
  for (const k of Object.keys(parts.defaults)) {
    const c = k.charCodeAt(0);
    if ((c >= 48 && c <= 57) || resourceKeys?.has(k) === true) return undefined;
  }
  const spanJson = JSON.stringify(parts.defaults);
  if (resourceJson === '') return `{"default":${spanJson}}`;
  return spanJson === '{}' ? `{"default":{${resourceJson}}}` : `{"default":{${resourceJson},${spanJson.slice(1)}}`;
}
