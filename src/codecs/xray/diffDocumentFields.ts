import type { AnyValue, Attributes } from '../../model/span.js';
import { isJsonObject } from './isJsonObject.js';
import { jsonEqual } from './jsonEqual.js';
import { jsonToAnyValue } from './jsonToAnyValue.js';

export interface DocumentFieldsPatch {
  /** Fields of `original` that `encoded` lacks or has differently, nested like the document; undefined if none. */
  extra: Attributes | undefined;
  /** JSON pointers (RFC 6901) of fields `encoded` has and `original` does not. */
  omitted: string[];
}

/**
 * What re-encoding a decoded X-Ray node got wrong, so that applyDocumentPatch(encoded, patch) equals `original` as
 * parsed JSON. Objects are compared key by key; arrays and scalars as a whole. Top-level keys in `skip` (structure the
 * caller rebuilds: ids, subsegments) are left out. It runs for every node decoded, and nearly always finds nothing:
 * equal values are passed over without allocating, and a pointer is only spelt out for a field actually omitted.
 */
export function diffDocumentFields(original: Record<string, unknown>, encoded: Record<string, unknown>, skip: ReadonlySet<string>): DocumentFieldsPatch {
  const omitted: string[] = [];
  const extra = diffObject(original, encoded, [], skip, omitted);
  return { extra, omitted };
}

/** `path`: the keys from the top down to these objects (pushed and popped around each recursion). */
function diffObject(original: Record<string, unknown>, encoded: Record<string, unknown>, path: string[], skip: ReadonlySet<string> | undefined, omitted: string[]): Attributes | undefined {
  let extra: Attributes | undefined;
  for (const k of Object.keys(original)) {
    const ov = original[k];
    if (ov === undefined || skip?.has(k) === true) continue;
    const ev = encoded[k];
    if (ov === ev) continue;
    let value: AnyValue | undefined;
    if (ev === undefined) value = jsonToAnyValue(ov);
    else if (isJsonObject(ov) && isJsonObject(ev)) {
      path.push(k);
      value = diffObject(ov, ev, path, undefined, omitted);
      path.pop();
      if (value === undefined) continue;
    } else if (jsonEqual(ov, ev)) continue;
    else value = jsonToAnyValue(ov);
    (extra ??= new Map()).set(k, value);
  }
  for (const k of Object.keys(encoded)) {
    if (encoded[k] !== undefined && !(k in original && original[k] !== undefined) && skip?.has(k) !== true) omitted.push(pointer(path, k));
  }
  return extra;
}

function pointer(path: readonly string[], key: string): string {
  let out = '';
  for (const k of path) out += `/${escape(k)}`;
  return `${out}/${escape(key)}`;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
