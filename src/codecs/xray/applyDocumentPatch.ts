import { anyValueToJson } from '../../model/attributes.js';
import type { AnyValue } from '../../model/span.js';
import { isJsonObject } from './isJsonObject.js';

/**
 * Sets the `extra` fields on `doc` (kvlists merge into objects, anything else replaces) and then deletes the
 * `omitted` JSON pointers; the inverse of diffDocumentFields. Changes `doc` in place.
 */
export function applyDocumentPatch(doc: Record<string, unknown>, extra: AnyValue | undefined, omitted: readonly AnyValue[] | undefined): void {
  if (extra instanceof Map) merge(doc, extra);
  if (omitted) for (const p of omitted) if (typeof p === 'string') remove(doc, p);
}

function merge(target: Record<string, unknown>, extra: Map<string, AnyValue>): void {
  for (const [k, v] of extra) {
    const current = target[k];
    if (v instanceof Map && isJsonObject(current)) merge(current, v);
    else target[k] = anyValueToJson(v);
  }
}

function remove(doc: Record<string, unknown>, pointer: string): void {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isJsonObject(node)) return;
    node = node[parts[i] as string];
  }
  const last = parts[parts.length - 1];
  if (isJsonObject(node) && last !== undefined) delete node[last];
}
