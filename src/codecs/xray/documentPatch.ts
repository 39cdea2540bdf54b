// What keeps X-Ray -> model -> X-Ray exact: each decoded node is encoded again, and what the re-encoding misses or adds
// is kept on its span (`aws.xray.extra_fields`, `aws.xray.omitted_fields`) and applied when the span is encoded.
import { anyValueToJson } from '../../model/attributes.js';
import type { AnyValue, Attributes } from '../../model/span.js';
import { isJsonObject, jsonToAnyValue } from './fieldReaders.js';

/** Equality of parsed JSON values; object key order is irrelevant. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
}

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
