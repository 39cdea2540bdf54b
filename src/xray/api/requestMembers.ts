import { secondsToNanos } from '../../codecs/xray/times.js';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from '../../model/valueDepth.js';
import { XrayApiError, invalidRequest } from './xrayApiError.js';

// Typed reads of restJson1 request members (the X-Ray API reference's member names). A bad member is a 400
// InvalidRequestException naming it; a body that is not a JSON object is a 400 SerializationException, as AWS answers.

export type JsonObject = Record<string, unknown>;

/** The request body as a JSON object; an empty body is `{}` (the SDK sends none for requests without members). */
export function readJsonBody(body: unknown): JsonObject {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new XrayApiError('SerializationException', 400, `request body is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new XrayApiError('SerializationException', 400, 'request body must be a JSON object');
  // No request of the API nests deeply (segment documents travel as strings); deeper bodies are refused before any
  // member is read or quoted in a message.
  if (nestsDeeperThan(parsed, MAX_VALUE_DEPTH)) throw new XrayApiError('SerializationException', 400, `request body is nested deeper than ${MAX_VALUE_DEPTH} levels`);
  return parsed as JsonObject;
}

/**
 * A timestamp member as seconds since the epoch. restJson1 sends epoch seconds (a number, the SDK's default); a numeric
 * string and an ISO 8601 date are accepted too.
 */
export function epochSecondsMember(o: JsonObject, name: string, label: string = name): number | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  let seconds = Number.NaN;
  if (typeof v === 'number') seconds = v;
  else if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) seconds = Number(v);
  else if (typeof v === 'string') seconds = Date.parse(v) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) throw invalidRequest(`${label}: expected a time in seconds since the epoch or an ISO 8601 date (got ${JSON.stringify(v)})`);
  return seconds;
}

/** A required timestamp member; `label` names it in messages (`SamplingStatisticsDocuments[0].Timestamp`). */
export function requiredEpochSeconds(o: JsonObject, name: string, label: string = name): number {
  const v = epochSecondsMember(o, name, label);
  if (v === undefined) throw invalidRequest(`${label}: required`);
  return v;
}

/** Exact nanoseconds of epoch seconds (the codec's decimal reading, not a float multiplication). */
export function secondsMemberToNanos(seconds: number): bigint {
  return secondsToNanos(seconds) ?? 0n;
}

export function stringMember(o: JsonObject, name: string): string | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidRequest(`${name}: expected a string`);
  return v;
}

export function booleanMember(o: JsonObject, name: string): boolean | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidRequest(`${name}: expected a boolean`);
  return v;
}

/** A list member with `min`..`max` entries, each of which `read` checks (`name[i]` in messages). */
export function listMember<T>(o: JsonObject, name: string, min: number, max: number, read: (v: unknown, where: string) => T): T[] {
  const v = o[name] ?? [];
  if (!Array.isArray(v)) throw invalidRequest(`${name}: expected a list`);
  if (v.length < min) throw invalidRequest(min === 1 ? `${name}: required (at least one entry)` : `${name}: at least ${min} entries`);
  if (v.length > max) throw invalidRequest(`${name}: at most ${max} entries (got ${v.length})`);
  return v.map((x, i) => read(x, `${name}[${i}]`));
}

export function stringEntry(v: unknown, where: string): string {
  if (typeof v !== 'string') throw invalidRequest(`${where}: expected a string`);
  return v;
}

export function objectEntry(v: unknown, where: string): JsonObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidRequest(`${where}: expected an object`);
  return v as JsonObject;
}
