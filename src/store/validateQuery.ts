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

/**
 * Compiles a search regex (JavaScript syntax, case-sensitive, unanchored). Besides invalid syntax, it refuses
 * patterns over MAX_REGEX_LENGTH characters and those that repeat without bound a group holding a repetition or an
 * alternation, like `(a+)+` or `(a|ab)*`: the shapes that backtrack exponentially, which would let one query stall the
 * process.
 */
export function compileSearchRegex(pattern: string, where = 'regex'): RegExp {
  if (pattern.length > MAX_REGEX_LENGTH) malformed(`${where}: regex longer than ${MAX_REGEX_LENGTH} characters`);
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (e) {
    return malformed(`${where}: invalid regex: ${(e as Error).message}`);
  }
  if (hasNestedRepetition(pattern)) malformed(`${where}: regex repeats a group that itself repeats or alternates, which can take exponential time`);
  return re;
}

function hasNestedRepetition(p: string): boolean {
  // Per open group: does it contain a quantifier or `|`?
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      const risky = groups.pop() === true;
      const next = p[i + 1];
      const unbounded = next === '*' || next === '+' || (next === '{' && /^\{\d*,\}/.test(p.slice(i + 1)));
      if (risky && unbounded) return true;
      if (risky && groups.length > 0) groups[groups.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '|' || c === '{') && groups.length > 0) groups[groups.length - 1] = true;
  }
  return false;
}

function malformed(message: string): never {
  throw new PipelineError('SB_MALFORMED', message);
}
