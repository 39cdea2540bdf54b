import { StatusCode } from '../../model/span.js';
import type { AttributeFilter, StoreReader, TraceQuery } from '../../store/store.js';
import { badParameter } from '../http/queryError.js';
import { oneParam, type QueryParams } from '../http/queryParams.js';
import { durationParam } from '../params/durationParam.js';
import { integerParam, limitParam } from '../params/integerParam.js';
import { NANOS_PER_MILLI, nowNanos } from '../params/timeUnits.js';
import { findTraceBatches, mergeNewestFirst, type FoundTrace } from '../search/findTraceBatches.js';
import { resolveNames } from '../search/resolveNames.js';
import { attributeEquals, attributeOf, durationWithin, nameIgnoringCase, serviceIn } from '../search/spanConditions.js';
import { allOf, type SpanPredicate } from '../search/spanPredicate.js';
import { parseAnnotationQuery, type AnnotationTerm } from './parseAnnotationQuery.js';

// GET /api/v2/traces (openzipkin/zipkin-api zipkin2-api.yaml; docs/api-zipkin.md): serviceName, spanName ("all" = any),
// remoteServiceName, annotationQuery, minDuration/maxDuration (microseconds; maxDuration only with minDuration),
// endTs (ms, default now), lookback (ms, default 86400000), limit (default 10). Names match ignoring case, as Zipkin
// lower-cases them; a trace matches when one span meets every condition, as in the store.

const DEFAULT_LOOKBACK_MILLIS = 86_400_000n;
/** Where the remote endpoint's service name travels in the model (zipkin codec: remoteEndpoint -> peer.service). */
const PEER_SERVICE = 'peer.service';

/**
 * A Zipkin tag or word on one span. The `error` tag is the span's ERROR status in the model (docs/zipkin-mesh.md,
 * "Status").
 */
function termPredicate(term: AnnotationTerm): SpanPredicate {
  if (term.kind === 'tag') {
    const tag = attributeEquals(term.key, term.value);
    if (term.key !== 'error') return tag;
    return (span, rs, ss) => tag(span, rs, ss) || (span.status.code === StatusCode.ERROR && (span.status.message === term.value || term.value === 'true'));
  }
  const has = attributeOf(term.word);
  return (span, rs, ss) => has(span, rs, ss) !== undefined || span.events.some((e) => e.name === term.word) || (term.word === 'error' && span.status.code === StatusCode.ERROR);
}

function timeWindow(query: QueryParams): { startTimeMin: bigint; startTimeMax: bigint } {
  const endMillis = integerParam(query, 'endTs', 1n);
  const lookbackMillis = integerParam(query, 'lookback', 1n) ?? DEFAULT_LOOKBACK_MILLIS;
  const end = endMillis === undefined ? nowNanos() : endMillis * NANOS_PER_MILLI;
  return { startTimeMin: end - lookbackMillis * NANOS_PER_MILLI, startTimeMax: end };
}

export async function findZipkinTraces(reader: StoreReader, query: QueryParams): Promise<FoundTrace[]> {
  const serviceName = oneParam(query, 'serviceName');
  const spanNameText = oneParam(query, 'spanName');
  const spanName = spanNameText === 'all' ? undefined : spanNameText;
  const remoteServiceName = oneParam(query, 'remoteServiceName');
  const terms = parseAnnotationQuery(oneParam(query, 'annotationQuery') ?? '');
  const accepts = { goDuration: false, integerMicros: true };
  const min = durationParam(query, 'minDuration', accepts);
  const max = durationParam(query, 'maxDuration', accepts);
  if (max !== undefined && min === undefined) throw badParameter('maxDuration', 'only valid with minDuration');
  if (min !== undefined && max !== undefined && max < min) throw badParameter('maxDuration', "must not be less than 'minDuration'");
  const base: Omit<TraceQuery, 'limit' | 'cursor'> = timeWindow(query);
  const limit = limitParam(query, 'limit', { defaultValue: 10, max: 1000 });
  if (min !== undefined) base.minDurationNanos = min;
  if (max !== undefined) base.maxDurationNanos = max;
  const storeTags: AttributeFilter[] = terms.flatMap((t) => (t.kind === 'tag' && t.key !== 'error' ? [{ key: t.key, op: 'equals' as const, value: t.value }] : []));
  if (storeTags.length > 0) base.attributes = storeTags;

  const services = serviceName === undefined ? [undefined] : resolveNames(await reader.getServices(), serviceName);
  const lists: FoundTrace[][] = [];
  for (const service of services) {
    const q = service === undefined ? { ...base } : { ...base, service };
    const conditions: SpanPredicate[] = terms.filter((t) => t.kind === 'word' || t.key === 'error').map(termPredicate);
    if (remoteServiceName !== undefined) conditions.push(attributeEquals(PEER_SERVICE, remoteServiceName, true));
    if (spanName !== undefined) {
      const names = resolveNames([...new Set((await reader.getOperations(service)).map((o) => o.name))], spanName);
      if (names.length === 0) continue;
      if (names.length === 1) q.operation = names[0];
      else conditions.push(nameIgnoringCase(spanName));
    }
    if (conditions.length > 0) {
      if (service !== undefined) conditions.push(serviceIn([service]));
      if (q.operation !== undefined) conditions.push(nameIgnoringCase(q.operation));
      conditions.push(durationWithin(min, max), ...storeTags.map((t) => attributeEquals(t.key, t.value ?? '')));
    }
    lists.push(await findTraceBatches(reader, q, limit, conditions.length > 0 ? allOf(conditions) : undefined));
  }
  return mergeNewestFirst(lists, limit);
}
