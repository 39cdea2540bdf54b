import type { ResourceMetadata } from './resourceMetadata.js';

/**
 * A node's `metadata` in the parts it is made of, so that a batch can write the resource's share as JSON text made
 * once per resource instead of once per segment. mergeXrayMetadata gives the object itself.
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
 * differ from it: with other namespaces, or span keys that the resource has too or that JavaScript orders first
 * (array indices, which start with a digit).
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
