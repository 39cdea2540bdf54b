import type { AttributeFilter, TraceQuery } from '../../store/store.js';
import { badParameter } from '../http/queryError.js';
import { oneParam, type QueryParams } from '../http/queryParams.js';
import { checkDurationRange, durationParam } from '../params/durationParam.js';
import { limitParam } from '../params/integerParam.js';
import { parseRfc3339Nanos } from '../params/parseRfc3339Nanos.js';

// api_v3 query parameters as Jaeger v2's HTTP gateway reads them (jaegertracing/jaeger
// cmd/jaeger/internal/extension/jaegerquery/internal/apiv3/query_parser.go): the canonical names are proto3 JSON's
// camelCase (query.serviceName, query.startTimeMin, query.searchDepth, ...), the snake_case names of earlier
// versions (query.service_name, query.num_traces, ...) are aliases; a canonical name with a value wins. Times are
// RFC 3339 with nanoseconds, durations Go durations. `query.attributes` is a JSON object of strings (Jaeger UI 2.19
// sends its tag filter there); grpc-gateway's map form `query.attributes[key]=value` works too. `query.filter`
// (experimental in Jaeger, behind a feature gate) is refused rather than ignored, as Jaeger does with the gate off.

const ATTRIBUTE_KEY = /^query\.attributes\[(.+)\]$/;
const DEFAULT_SEARCH_DEPTH = 100;
const MAX_SEARCH_DEPTH = 1000;

/** A parameter's value under the first of `names` (canonical first, then aliases) that has one, and that name. */
export function aliasedParam(query: QueryParams, names: readonly [string, ...string[]]): { name: string; value: string | undefined } {
  for (const name of names) {
    const value = oneParam(query, name);
    if (value !== undefined) return { name, value };
  }
  return { name: names[0], value: undefined };
}

/** Go's strconv.ParseBool, which Jaeger uses for `rawTraces`. */
export function booleanParam(query: QueryParams, names: readonly [string, ...string[]]): boolean {
  const { name, value } = aliasedParam(query, names);
  if (value === undefined) return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw badParameter(name, `"${value}" is not a boolean`);
}

/** An RFC 3339 time parameter, or undefined when absent. */
export function rfc3339Param(query: QueryParams, names: readonly [string, ...string[]]): bigint | undefined {
  const { name, value } = aliasedParam(query, names);
  if (value === undefined) return undefined;
  const nanos = parseRfc3339Nanos(value);
  if (nanos === undefined) throw badParameter(name, `"${value}" is not an RFC 3339 time`);
  return nanos;
}

function windowParam(query: QueryParams, names: readonly [string, ...string[]]): bigint {
  const nanos = rfc3339Param(query, names);
  if (nanos === undefined) {
    throw badParameter(names[0], 'the time window is required: query.startTimeMin and query.startTimeMax (query.start_time_min and query.start_time_max are required in the older spelling)');
  }
  return nanos;
}

function attributes(query: QueryParams): AttributeFilter[] {
  const out: AttributeFilter[] = [];
  const json = oneParam(query, 'query.attributes');
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw badParameter('query.attributes', `not JSON: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badParameter('query.attributes', 'must be a JSON object of strings');
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw badParameter('query.attributes', `the value of "${key}" is not a string`);
      out.push({ key, op: 'equals', value });
    }
  }
  for (const name of Object.keys(query)) {
    const m = ATTRIBUTE_KEY.exec(name);
    if (m) out.push({ key: m[1] as string, op: 'equals', value: oneParam(query, name) ?? '' });
  }
  return out;
}

/** A FindTraces / FindTraceSummaries request (TraceQueryParameters). */
export interface JaegerV3Search {
  query: Omit<TraceQuery, 'limit' | 'cursor'>;
  /** `query.searchDepth`: default 100, 0 means the default, above 1000 lowered to 1000. */
  limit: number;
  /** `query.rawTraces`: traces as stored, without the query adjusters. */
  rawTraces: boolean;
}

export function jaegerV3TraceQuery(query: QueryParams): JaegerV3Search {
  if (oneParam(query, 'query.filter') !== undefined) throw badParameter('query.filter', 'structured filters are not supported; use query.serviceName, query.operationName, query.attributes and the durations');
  const out: Omit<TraceQuery, 'limit' | 'cursor'> = {
    startTimeMin: windowParam(query, ['query.startTimeMin', 'query.start_time_min']),
    startTimeMax: windowParam(query, ['query.startTimeMax', 'query.start_time_max']),
  };
  const service = aliasedParam(query, ['query.serviceName', 'query.service_name']).value;
  if (service !== undefined) out.service = service;
  const operation = aliasedParam(query, ['query.operationName', 'query.operation_name']).value;
  if (operation !== undefined) out.operation = operation;
  const accepts = { goDuration: true, integerMicros: false };
  const minName = aliasedParam(query, ['query.durationMin', 'query.duration_min']).name;
  const maxName = aliasedParam(query, ['query.durationMax', 'query.duration_max']).name;
  const min = durationParam(query, minName, accepts);
  const max = durationParam(query, maxName, accepts);
  checkDurationRange(minName, min, maxName, max);
  if (min !== undefined) out.minDurationNanos = min;
  if (max !== undefined) out.maxDurationNanos = max;
  const attrs = attributes(query);
  if (attrs.length > 0) out.attributes = attrs;
  const depthName = aliasedParam(query, ['query.searchDepth', 'query.search_depth', 'query.num_traces']).name;
  return {
    query: out,
    limit: limitParam(query, depthName, { defaultValue: DEFAULT_SEARCH_DEPTH, max: MAX_SEARCH_DEPTH, zeroMeansDefault: true }),
    rawTraces: booleanParam(query, ['query.rawTraces', 'query.raw_traces']),
  };
}
