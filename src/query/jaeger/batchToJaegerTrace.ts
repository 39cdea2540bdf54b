import type { Resource, Span, SpanEvent, TraceBatch } from '../../model/span.js';
import { nanosToMicros } from '../params/timeUnits.js';
import { attributeToKeyValue } from './attributeToKeyValue.js';
import { jaegerTraceId } from './jaegerIds.js';
import type { JaegerKeyValue, JaegerLog, JaegerProcess, JaegerReference, JaegerSpan, JaegerTrace } from './jaegerJson.js';
import { spanToJaegerTags } from './spanToJaegerTags.js';

/** The translator's service name for a resource without attributes (tracetranslator.ResourceNoServiceName). */
export const RESOURCE_NO_SERVICE_NAME = 'OTLPResourceNoServiceName';
const SERVICE_NAME = 'service.name';
/** Event attribute that carries the event name in a Jaeger log (translator's eventNameAttr). */
const EVENT_NAME_FIELD = 'event';
/** Link attribute saying which Jaeger reference type a link came from (semconv opentracing.ref_type). */
const REF_TYPE_ATTRIBUTE = 'opentracing.ref_type';
const W3C_SAMPLED = 0x01;

/** resourceToJaegerProtoProcess: `service.name` names the process, the other resource attributes are its tags. */
function resourceToProcess(resource: Resource): JaegerProcess {
  const attrs = resource.attributes;
  if (attrs.size === 0) return { serviceName: RESOURCE_NO_SERVICE_NAME, tags: [] };
  const name = attrs.get(SERVICE_NAME);
  const tags: JaegerKeyValue[] = [];
  for (const [k, v] of attrs) if (k !== SERVICE_NAME) tags.push(attributeToKeyValue(k, v));
  return { serviceName: typeof name === 'string' ? name : '', tags };
}

/**
 * makeJaegerProtoReferences: the parent as CHILD_OF first, then each link as FOLLOWS_FROM (or CHILD_OF when its
 * `opentracing.ref_type` says `child_of`); a link to the parent itself only sets the parent reference's type.
 */
function references(span: Span, traceID: string): JaegerReference[] {
  const refs: JaegerReference[] = [];
  if (span.parentSpanId !== '') refs.push({ refType: 'CHILD_OF', traceID, spanID: span.parentSpanId });
  for (const link of span.links) {
    const refType = link.attributes.get(REF_TYPE_ATTRIBUTE) === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
    if (span.parentSpanId !== '' && link.traceId === span.traceId && link.spanId === span.parentSpanId) {
      (refs[0] as JaegerReference).refType = refType;
      continue;
    }
    refs.push({ refType, traceID: jaegerTraceId(link.traceId), spanID: link.spanId });
  }
  return refs;
}

/** spanEventsToJaegerProtoLogs: the event name as an `event` field (unless an attribute has that key), then attributes. */
function eventToLog(e: SpanEvent): JaegerLog {
  const fields: JaegerKeyValue[] = [];
  if (e.name !== '' && !e.attributes.has(EVENT_NAME_FIELD)) fields.push({ key: EVENT_NAME_FIELD, type: 'string', value: e.name });
  for (const [k, v] of e.attributes) fields.push(attributeToKeyValue(k, v));
  return { timestamp: nanosToMicros(e.timeUnixNano), fields };
}

/**
 * One stored trace (all of it in one batch, as StoreReader.getTrace returns it) in Jaeger's JSON. Processes are
 * shared by resources that render alike and numbered p1, p2, ... in order of first use (from_domain.go's
 * processHashtable). The batch is only read.
 */
export function batchToJaegerTrace(batch: TraceBatch): JaegerTrace {
  const spans: JaegerSpan[] = [];
  const processes: Record<string, JaegerProcess> = {};
  const processIds = new Map<string, string>();
  let traceID = '';
  for (const rs of batch.resourceSpans) {
    const process = resourceToProcess(rs.resource);
    const key = JSON.stringify(process);
    let processID = processIds.get(key);
    if (processID === undefined) {
      processID = `p${processIds.size + 1}`;
      processIds.set(key, processID);
      processes[processID] = process;
    }
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        const spanTraceId = jaegerTraceId(span.traceId);
        if (traceID === '') traceID = spanTraceId;
        spans.push({
          traceID: spanTraceId,
          spanID: span.spanId,
          flags: span.flags & W3C_SAMPLED,
          operationName: span.name,
          references: references(span, spanTraceId),
          startTime: nanosToMicros(span.startTimeUnixNano),
          duration: nanosToMicros(span.endTimeUnixNano - span.startTimeUnixNano),
          tags: spanToJaegerTags(span, ss.scope),
          logs: span.events.map(eventToLog),
          processID,
          warnings: null,
        });
      }
    }
  }
  return { traceID, spans, processes, warnings: null };
}
