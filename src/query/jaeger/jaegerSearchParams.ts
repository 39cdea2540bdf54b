import { parseDurationNanos } from '../../model/duration.js';
import type { Attributes } from '../../model/span.js';
import type { AttributeFilter, TraceQuery } from '../../store/store.js';
import { badParameter } from '../http/queryError.js';
import { manyParams, oneParam, type QueryParams } from '../http/queryParams.js';
import { checkDurationRange, durationParam } from '../params/durationParam.js';
import { integerParam, limitParam } from '../params/integerParam.js';
import { parseSpanKindName } from '../params/spanKindNames.js';
import { NANOS_PER_MICRO, nowNanos } from '../params/timeUnits.js';
import { traceIdParam } from '../params/traceIdParam.js';
import { attributeEquals, durationWithin } from '../search/spanConditions.js';
import { allOf, type SpanPredicate } from '../search/spanPredicate.js';
import { attributeToKeyValue } from './attributeToKeyValue.js';
import { SYNTHESIZED_TAG_KEYS, spanToJaegerTags } from './spanToJaegerTags.js';

// GET /api/traces parameters as Jaeger's query service reads them (cmd/query/app/query_parser.go and
// default_params.go): service (required unless traceID is given), operation, tags (a JSON object) and tag=key:value
// (repeatable), minDuration/maxDuration (Go durations), start/end (Unix microseconds; default the last 2 days),
// limit (default 100), traceID (repeatable). `lookback` ("1h", "2d" as Jaeger UI sends it) sets start when start is
// absent; Jaeger's server ignores it because the UI also sends start.

const DEFAULT_LOOKBACK_NANOS = 48n * 3_600_000_000_000n;
const DAY_NANOS = 24n * 3_600_000_000_000n;

export interface JaegerSearch {
  query: Omit<TraceQuery, 'limit' | 'cursor'>;
  limit: number;
  /** Set when a tag exists only in Jaeger's rendering (`error`, `span.kind`, `otel.status_code`...). */
  predicate?: SpanPredicate;
  /** Trace ids asked for directly (`traceID=`), which replace the search. */
  traceIds: string[];
}

function parseTags(query: QueryParams): Map<string, string> {
  const tags = new Map<string, string>();
  for (const t of manyParams(query, 'tag')) {
    const i = t.indexOf(':');
    if (i <= 0) throw badParameter('tag', `"${t}" is not key:value`);
    tags.set(t.slice(0, i), t.slice(i + 1));
  }
  for (const text of manyParams(query, 'tags')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw badParameter('tags', `not JSON: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badParameter('tags', 'must be a JSON object of strings');
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== 'string') throw badParameter('tags', `the value of "${k}" is not a string`);
      tags.set(k, v);
    }
  }
  return tags;
}

function lookbackNanos(text: string): bigint | undefined {
  if (text === 'custom') return undefined;
  const days = /^(\d{1,4})d$/.exec(text);
  if (days) return BigInt(days[1] as string) * DAY_NANOS;
  const nanos = parseDurationNanos(text);
  if (nanos === undefined) throw badParameter('lookback', `"${text}" is not a duration like "1h" or "2d"`);
  return nanos;
}

function renderedEquals(attrs: Attributes, key: string, value: string): boolean {
  return attrs.has(key) && String(attributeToKeyValue(key, attrs.get(key) ?? null).value) === value;
}

/**
 * A Jaeger tag condition on one span, as Jaeger's memory store checks it: a span tag (as rendered, with the
 * synthesized ones), a process tag (resource attribute) or a log field (event name or attribute) with that key and
 * that value as text.
 */
function jaegerTagEquals(key: string, value: string): SpanPredicate {
  return (span, rs, ss) => spanToJaegerTags(span, ss.scope).some((t) => t.key === key && String(t.value) === value)
    || (key !== 'service.name' && renderedEquals(rs.resource.attributes, key, value))
    || span.events.some((e) => renderedEquals(e.attributes, key, value) || (key === 'event' && e.name === value && !e.attributes.has(key)));
}

export function jaegerSearchParams(query: QueryParams): JaegerSearch {
  const traceIds = manyParams(query, 'traceID').map((t) => traceIdParam('traceID', t));
  const service = oneParam(query, 'service');
  if (service === undefined && traceIds.length === 0) throw badParameter('service', 'required');
  const operation = oneParam(query, 'operation');
  const tags = parseTags(query);
  const accepts = { goDuration: true, integerMicros: false };
  const min = durationParam(query, 'minDuration', accepts);
  const max = durationParam(query, 'maxDuration', accepts);
  checkDurationRange('minDuration', min, 'maxDuration', max);
  const endMicros = integerParam(query, 'end', 0n);
  const startMicros = integerParam(query, 'start', 0n);
  const end = endMicros === undefined ? nowNanos() : endMicros * NANOS_PER_MICRO;
  let start = startMicros === undefined ? undefined : startMicros * NANOS_PER_MICRO;
  if (start === undefined) {
    const lookbackText = oneParam(query, 'lookback');
    start = end - ((lookbackText === undefined ? undefined : lookbackNanos(lookbackText)) ?? DEFAULT_LOOKBACK_NANOS);
  }
  if (end < start) throw badParameter('end', "must not be before 'start'");
  const limit = limitParam(query, 'limit', { defaultValue: 100, max: 1000, zeroMeansDefault: true });

  const out: JaegerSearch['query'] = { startTimeMin: start, startTimeMax: end };
  if (service !== undefined) out.service = service;
  if (operation !== undefined) out.operation = operation;
  if (min !== undefined) out.minDurationNanos = min;
  if (max !== undefined) out.maxDurationNanos = max;
  const storeFilters: AttributeFilter[] = [];
  let needsPostFilter = false;
  for (const [key, value] of tags) {
    if (!SYNTHESIZED_TAG_KEYS.has(key)) storeFilters.push({ key, op: 'equals', value });
    else if (key === 'span.kind' && parseSpanKindName(value) !== undefined) out.spanKind = parseSpanKindName(value);
    else needsPostFilter = true;
  }
  if (storeFilters.length > 0) out.attributes = storeFilters;
  const search: JaegerSearch = { query: out, limit, traceIds };
  if (needsPostFilter) {
    const conditions: SpanPredicate[] = [durationWithin(min, max), ...[...tags].map(([k, v]) => jaegerTagEquals(k, v))];
    if (service !== undefined) conditions.push(attributeEquals('service.name', service));
    if (operation !== undefined) conditions.push((span) => span.name === operation);
    search.predicate = allOf(conditions);
  }
  return search;
}
