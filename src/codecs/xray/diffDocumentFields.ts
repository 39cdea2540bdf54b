import type { Attributes } from '../../model/span.js';
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
 * caller rebuilds: ids, subsegments) are left out.
 */
export function diffDocumentFields(original: Record<string, unknown>, encoded: Record<string, unknown>, skip: ReadonlySet<string>): DocumentFieldsPatch {
  const omitted: string[] = [];
  const extra = diffObject(original, encoded, '', skip, omitted);
  return { extra, omitted };
}

function diffObject(original: Record<string, unknown>, encoded: Record<string, unknown>, pointer: string, skip: ReadonlySet<string> | undefined, omitted: string[]): Attributes | undefined {
  let extra: Attributes | undefined;
  for (const [k, ov] of Object.entries(original)) {
    if (ov === undefined || skip?.has(k)) continue;
    const ev = encoded[k];
    let value: Attributes | undefined | null = null;
    if (ev === undefined) value = jsonToAnyValue(ov) as Attributes;
    else if (isJsonObject(ov) && isJsonObject(ev)) value = diffObject(ov, ev, `${pointer}/${escape(k)}`, undefined, omitted);
    else if (!jsonEqual(ov, ev)) value = jsonToAnyValue(ov) as Attributes;
    else continue;
    if (value === undefined) continue;
    (extra ??= new Map()).set(k, value);
  }
  for (const [k, ev] of Object.entries(encoded)) {
    if (ev !== undefined && !(k in original && original[k] !== undefined) && !skip?.has(k)) omitted.push(`${pointer}/${escape(k)}`);
  }
  return extra;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
