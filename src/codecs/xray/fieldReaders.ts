// Reading parsed X-Ray JSON: typed reads of known document fields, where absent and null scalars read as undefined,
// and a value of the wrong type (null where an object belongs too) is SB_MALFORMED naming the field (e.g.
// `subsegments[2].in_progress: expected a boolean`), and JSON values as attribute values.
import { PipelineError } from '../../errors.js';
import type { AnyValue } from '../../model/span.js';

/** A JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A parsed JSON value as an attribute value: safe integers as int64, other numbers as double, objects as kvlists.
 * `anyValueToJson` (src/model/attributes.ts) is the inverse at the level of parsed JSON.
 */
export function jsonToAnyValue(v: unknown): AnyValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(jsonToAnyValue);
  if (typeof v === 'object') {
    const out = new Map<string, AnyValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out.set(k, jsonToAnyValue(x));
    return out;
  }
  return null;
}

/** The error for a document that breaks a rule; `where` is the field path, e.g. `subsegments[0].namespace`. */
export function xrayProblem(where: string, problem: string): PipelineError {
  return new PipelineError('SB_MALFORMED', `X-Ray document ${where}: ${problem}`);
}

export function readString(o: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw xrayProblem(where + key, 'expected a string');
  return v;
}

export function readNumber(o: Record<string, unknown>, key: string, where: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw xrayProblem(where + key, 'expected a number');
  return v;
}

export function readBoolean(o: Record<string, unknown>, key: string, where: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw xrayProblem(where + key, 'expected a boolean');
  return v;
}

/** An object field: absent is undefined, but null is refused like any other non-object (`aws: null`). */
export function readObject(o: Record<string, unknown>, key: string, where: string): Record<string, unknown> | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!isJsonObject(v)) throw xrayProblem(where + key, `expected an object, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
  return v;
}

export function readArray(o: Record<string, unknown>, key: string, where: string): unknown[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw xrayProblem(where + key, 'expected an array');
  return v;
}

/** A string field of an object that is mapped only when it is a string (anything else is kept verbatim elsewhere). */
export function stringOf(o: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** An array field whose elements are all strings, else undefined. */
export function stringsOf(o: Record<string, unknown> | undefined, key: string): string[] | undefined {
  const v = o?.[key];
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}
