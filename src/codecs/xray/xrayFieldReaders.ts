import { PipelineError } from '../../errors.js';
import { isJsonObject } from './isJsonObject.js';

// Typed reads of known document fields. Absent and null both read as undefined; a value of the wrong type is
// SB_MALFORMED naming the field, e.g. `subsegments[2].in_progress: expected a boolean`.

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

export function readObject(o: Record<string, unknown>, key: string, where: string): Record<string, unknown> | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!isJsonObject(v)) throw xrayProblem(where + key, 'expected an object');
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
