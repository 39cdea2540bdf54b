import { anyValueToJson } from '../../model/attributes.js';
import { annotationValue } from './annotationValue.js';
import type { AnnotationValue } from './annotationValue.js';
import type { AttributeReader } from './attributeReader.js';
import { isJsonObject } from './isJsonObject.js';
import type { ResourceMetadata } from './resourceMetadata.js';
import { sanitizeAnnotationKey } from './sanitizeAnnotationKey.js';
import { XRAY_ANNOTATIONS, XRAY_METADATA_PREFIX } from './xrayAttributeNames.js';
import type { XrayEncodeOptions } from './xrayEncodeOptions.js';
import type { XrayMetadataParts } from './xrayMetadataParts.js';

/**
 * Annotations and metadata from the attributes no other field took (docs/xray-mapping.md, "Annotations and
 * metadata"). Annotated: keys in `indexedAttributes` (even when a field took them, as contrib does), keys listed in
 * `aws.xray.annotations`, or every scalar with `indexAllAttributes`. Non-scalar values go to metadata instead of
 * being dropped (contrib drops them with `index_all_attributes`).
 * `aws.xray.metadata.<ns>` JSON strings become `metadata[ns]` (`default` merged). Keys are sanitised, except those
 * of a span decoded from X-Ray, which X-Ray produced. `resource`, given for native segments, adds the resource's
 * `otel.resource.<key>` entries (resourceMetadata.ts). Metadata comes in parts (xrayMetadataParts.ts), undefined when
 * there is none. `metadataTexts`: JSON texts already parsed (XrayEncodeContext).
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
