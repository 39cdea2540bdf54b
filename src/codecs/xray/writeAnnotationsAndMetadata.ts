import { anyValueToJson } from '../../model/attributes.js';
import type { AnyValue, Attributes } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { isJsonObject } from './isJsonObject.js';
import { sanitizeAnnotationKey } from './sanitizeAnnotationKey.js';
import { XRAY_ANNOTATIONS, XRAY_METADATA_PREFIX } from './xrayAttributeNames.js';
import type { XrayEncodeOptions } from './xrayEncodeOptions.js';

type Scalar = string | number | boolean;

function scalar(v: AnyValue): Scalar | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

/**
 * Annotations and metadata from the attributes no other field took (spec section 4.10). Annotated: keys in
 * `indexedAttributes` (even when a field took them, PR #19173), keys listed in `aws.xray.annotations`, or every
 * scalar with `indexAllAttributes`. Non-scalar values go to metadata instead of being dropped (section 9 item 9).
 * `aws.xray.metadata.<ns>` JSON strings become `metadata[ns]` (`default` merged). Keys are sanitised, except those
 * of a span decoded from X-Ray, which X-Ray produced. `resource`, given for native segments, is added as
 * `otel.resource.<key>`.
 */
export function writeAnnotationsAndMetadata(r: AttributeReader, resource: Attributes | undefined, options: XrayEncodeOptions, fromXray: boolean): { annotations?: Record<string, Scalar>; metadata?: Record<string, unknown> } {
  const indexAll = options.indexAllAttributes === true;
  const configured = options.indexedAttributes ?? [];
  const configuredSet = configured.length === 0 ? undefined : new Set(configured);
  const listed = r.strings(XRAY_ANNOTATIONS);
  const listedSet = listed === undefined ? undefined : new Set(listed);
  let annotations: Record<string, Scalar> | undefined;
  let metadata: Record<string, unknown> | undefined;
  let defaults: Record<string, unknown> | undefined;
  const annotate = (key: string, value: Scalar, verbatim: boolean) => {
    (annotations ??= {})[verbatim ? key : sanitizeAnnotationKey(key)] = value;
  };

  for (const key of configured) {
    const v = r.attributes.get(key);
    const s = v === undefined || !r.used.has(key) ? undefined : scalar(v);
    if (s !== undefined) annotate(key, s, false);
  }
  if (resource !== undefined) {
    for (const [k, v] of resource) {
      const key = `otel.resource.${k}`;
      const s = scalar(v);
      if (s !== undefined && (indexAll || configuredSet?.has(key) === true)) annotate(key, s, false);
      else (defaults ??= {})[key] = anyValueToJson(v);
    }
  }
  for (const [k, v] of r.attributes) {
    if (r.used.has(k)) continue;
    if (k.startsWith(XRAY_METADATA_PREFIX) && typeof v === 'string') {
      const ns = k.slice(XRAY_METADATA_PREFIX.length);
      const parsed = parseObject(v);
      if (parsed === undefined) (defaults ??= {})[k] = v;
      else if (ns.toLowerCase() === 'default') defaults = Object.assign(defaults ?? {}, parsed);
      else (metadata ??= {})[ns] = parsed;
      continue;
    }
    const isListed = listedSet?.has(k) === true;
    const s = isListed || indexAll || configuredSet?.has(k) === true ? scalar(v) : undefined;
    if (s !== undefined) annotate(k, s, fromXray && isListed);
    else (defaults ??= {})[k] = anyValueToJson(v);
  }
  if (defaults !== undefined) metadata = { default: defaults, ...metadata };
  const out: { annotations?: Record<string, Scalar>; metadata?: Record<string, unknown> } = {};
  if (annotations !== undefined) out.annotations = annotations;
  if (metadata !== undefined) out.metadata = metadata;
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
