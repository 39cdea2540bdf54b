import type { AttributeFilter, TraceQuery } from '../../store/store.js';
import { badParameter } from '../http/queryError.js';
import { oneParam, type QueryParams } from '../http/queryParams.js';
import { checkDurationRange, durationParam } from '../params/durationParam.js';
import { limitParam } from '../params/integerParam.js';
import { parseRfc3339Nanos } from '../params/parseRfc3339Nanos.js';

// GET /api/v3/traces parameters as Jaeger's api_v3 HTTP gateway reads them (cmd/query/app/apiv3/http_gateway.go,
// parseFindTracesQuery): query.service_name, query.operation_name, query.start_time_min and query.start_time_max
// (both required, RFC 3339 with nanoseconds), query.num_traces, query.duration_min/max (Go durations). Jaeger's
// gateway ignores attributes ("most curiously not supported"); here `query.attributes` takes a JSON object of
// strings, and grpc-gateway's map form `query.attributes[key]=value` works too.

const ATTRIBUTE_KEY = /^query\.attributes\[(.+)\]$/;

function timeParam(query: QueryParams, name: string): bigint {
  const text = oneParam(query, name);
  if (text === undefined) throw badParameter(name, 'query.start_time_min and query.start_time_max are required');
  const nanos = parseRfc3339Nanos(text);
  if (nanos === undefined) throw badParameter(name, `"${text}" is not an RFC 3339 time`);
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

export function jaegerV3TraceQuery(query: QueryParams): { query: Omit<TraceQuery, 'limit' | 'cursor'>; limit: number } {
  const out: Omit<TraceQuery, 'limit' | 'cursor'> = { startTimeMin: timeParam(query, 'query.start_time_min'), startTimeMax: timeParam(query, 'query.start_time_max') };
  const service = oneParam(query, 'query.service_name');
  if (service !== undefined) out.service = service;
  const operation = oneParam(query, 'query.operation_name');
  if (operation !== undefined) out.operation = operation;
  const accepts = { goDuration: true, integerMicros: false };
  const min = durationParam(query, 'query.duration_min', accepts);
  const max = durationParam(query, 'query.duration_max', accepts);
  checkDurationRange('query.duration_min', min, 'query.duration_max', max);
  if (min !== undefined) out.minDurationNanos = min;
  if (max !== undefined) out.maxDurationNanos = max;
  const attrs = attributes(query);
  if (attrs.length > 0) out.attributes = attrs;
  return { query: out, limit: limitParam(query, 'query.num_traces', { defaultValue: 100, max: 1000, zeroMeansDefault: true }) };
}
