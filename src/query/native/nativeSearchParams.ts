import type { AttributeFilter, TraceQuery } from '../../store/store.js';
import { compileSearchRegex } from '../../store/validateQuery.js';
import { badParameter } from '../http/queryError.js';
import { manyParams, oneParam, type QueryParams } from '../http/queryParams.js';
import { checkDurationRange, durationParam } from '../params/durationParam.js';
import { integerParam } from '../params/integerParam.js';
import { nativeTimeParam } from '../params/nativeTimeParam.js';
import { parseSpanKindName } from '../params/spanKindNames.js';

/**
 * One `attr` value (docs/api-native.md): `key=value` equals, `key~regex` matches, `key` exists. Regexes are checked
 * with the stores' own rules (length, syntax, program size) so the refusal names the parameter.
 */
export function parseAttrFilter(text: string): AttributeFilter {
  const eq = text.indexOf('=');
  const re = text.indexOf('~');
  const at = eq < 0 ? re : re < 0 ? eq : Math.min(eq, re);
  if (at === 0) throw badParameter('attr', `"${text}" has no key before "${text[0]}"`);
  if (at < 0) return { key: text, op: 'exists' };
  const key = text.slice(0, at);
  const value = text.slice(at + 1);
  if (text[at] === '=') return { key, op: 'equals', value };
  try {
    compileSearchRegex(value, key);
  } catch (e) {
    throw badParameter('attr', (e as Error).message);
  }
  return { key, op: 'regex', value };
}

/** The store query a native `GET /api/v1/traces` asks for. */
export function nativeTraceQuery(query: QueryParams): TraceQuery {
  const out: TraceQuery = {};
  const service = oneParam(query, 'service');
  if (service !== undefined) out.service = service;
  const operation = oneParam(query, 'operation');
  if (operation !== undefined) out.operation = operation;
  const kindText = oneParam(query, 'spanKind');
  if (kindText !== undefined) {
    const kind = parseSpanKindName(kindText);
    if (kind === undefined) throw badParameter('spanKind', `"${kindText}" is not one of INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER, UNSPECIFIED`);
    out.spanKind = kind;
  }
  const attributes = manyParams(query, 'attr').map(parseAttrFilter);
  if (attributes.length > 0) out.attributes = attributes;
  const accepts = { goDuration: true, integerMicros: true };
  const min = durationParam(query, 'minDuration', accepts);
  const max = durationParam(query, 'maxDuration', accepts);
  checkDurationRange('minDuration', min, 'maxDuration', max);
  if (min !== undefined) out.minDurationNanos = min;
  if (max !== undefined) out.maxDurationNanos = max;
  const start = nativeTimeParam(query, 'start');
  const end = nativeTimeParam(query, 'end');
  if (start !== undefined && end !== undefined && end < start) throw badParameter('end', "must not be before 'start'");
  if (start !== undefined) out.startTimeMin = start;
  if (end !== undefined) out.startTimeMax = end;
  out.limit = Number(integerParam(query, 'limit', 1n, 1000n) ?? 20n);
  const cursor = oneParam(query, 'cursor');
  if (cursor !== undefined) out.cursor = cursor;
  return out;
}
