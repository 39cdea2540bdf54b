import { RE2JS } from 're2js';
import { PipelineError } from '../errors.js';
import { decodeSearchCursor, type SearchPosition } from './searchCursor.js';
import type { AttributeFilter, TraceQuery } from './store.js';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 1000;
/** Longest regex accepted in an attribute filter. */
export const MAX_REGEX_LENGTH = 256;

/** A TraceQuery checked, with its defaults filled and its cursor decoded. */
export interface CheckedQuery extends Omit<TraceQuery, 'limit' | 'cursor'> {
  limit: number;
  after: SearchPosition | undefined;
  attributes: AttributeFilter[];
}

/** Checks a query the way every store needs; a bad one throws SB_MALFORMED naming the field. */
export function validateQuery(q: TraceQuery): CheckedQuery {
  const limit = q.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) malformed(`limit: must be an integer from 1 to ${MAX_SEARCH_LIMIT}, not ${limit}`);
  if (q.minDurationNanos !== undefined && q.minDurationNanos < 0n) malformed('minDuration: must not be negative');
  if (q.maxDurationNanos !== undefined && q.maxDurationNanos < 0n) malformed('maxDuration: must not be negative');
  if (q.minDurationNanos !== undefined && q.maxDurationNanos !== undefined && q.minDurationNanos > q.maxDurationNanos) malformed('minDuration: is greater than maxDuration');
  if (q.startTimeMin !== undefined && q.startTimeMax !== undefined && q.startTimeMin > q.startTimeMax) malformed('start: the time range ends before it begins');
  const attributes = q.attributes ?? [];
  attributes.forEach((f, i) => checkFilter(f, `attributes[${i}]`));
  const { cursor, ...rest } = q;
  return { ...rest, limit, attributes, after: cursor === undefined || cursor === '' ? undefined : decodeSearchCursor(cursor) };
}

function checkFilter(f: AttributeFilter, where: string): void {
  if (typeof f.key !== 'string' || f.key === '') malformed(`${where}.key: must be a non-empty string`);
  if (f.op !== 'exists' && f.op !== 'equals' && f.op !== 'regex') malformed(`${where}.op: must be exists, equals or regex`);
  if (f.op === 'exists') return;
  if (typeof f.value !== 'string') malformed(`${where}.value: required for ${f.op}`);
  if (f.op === 'regex') compileSearchRegex(f.value, `${where}.value`);
}

/** A compiled search pattern: `test` says whether it matches anywhere in a value. */
export interface SearchRegex {
  test(value: string): boolean;
}

/**
 * Largest compiled program accepted (RE2's instruction count, which counted repetitions multiply): matching costs
 * time linear in the value's length times this, so it bounds the work per value (`(a{1,30}){1,30}` is about 1,900).
 */
export const MAX_REGEX_PROGRAM_SIZE = 5000;

/**
 * Compiles a search regex (RE2 syntax, which is JavaScript's without backreferences and lookaround; case-sensitive,
 * unanchored) on re2js, a linear-time engine: no pattern backtracks, so no value can make a match slow, whatever
 * its nesting. Refuses invalid syntax, patterns over MAX_REGEX_LENGTH characters and programs over
 * MAX_REGEX_PROGRAM_SIZE instructions, naming the field (`where`).
 */
export function compileSearchRegex(pattern: string, where = 'regex'): SearchRegex {
  if (pattern.length > MAX_REGEX_LENGTH) malformed(`${where}: regex longer than ${MAX_REGEX_LENGTH} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    return malformed(`${where}: invalid regex: ${(e as Error).message}`);
  }
  if (re.programSize() > MAX_REGEX_PROGRAM_SIZE) malformed(`${where}: regex repeats too much (a program of ${re.programSize()} steps; at most ${MAX_REGEX_PROGRAM_SIZE})`);
  return { test: (value) => re.test(value) };
}

function malformed(message: string): never {
  throw new PipelineError('SB_MALFORMED', message);
}
