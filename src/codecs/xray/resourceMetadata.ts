import { anyValueToJson } from '../../model/attributes.js';
import type { Attributes } from '../../model/span.js';
import { annotationValue } from './annotationValue.js';
import type { AnnotationValue } from './annotationValue.js';
import { sanitizeAnnotationKey } from './sanitizeAnnotationKey.js';
import type { XrayEncodeOptions } from './xrayEncodeOptions.js';

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

/**
 * Resource scalars annotated as `otel.resource.<key>` when indexed, the rest metadata, as the contrib exporter does.
 */
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
