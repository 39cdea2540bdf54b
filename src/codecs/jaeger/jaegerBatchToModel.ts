// The shared Jaeger span model into the internal batch, by the rules of the Collector's pkg/translator/jaeger
// (docs/jaeger-mapping.md): process -> resource, span.kind -> kind, status tags -> status, otel.scope.* ->
// scope, references -> parent and links, logs -> events. A span that cannot be used (an all-zero or wrong-width id,
// a negative time) is dropped and counted with its reason; the others go on.
import { repairLoneSurrogates } from '../../model/wellFormedStrings.js';
import { PipelineError } from '../../errors.js';
import { isValidSpanId, isValidTraceId } from '../../model/ids.js';
import type { Attributes, ResourceSpans, ScopeSpans, Span, SpanEvent, SpanLink, TraceBatch } from '../../model/span.js';
import type { JaegerBatch, JaegerSpan, JaegerTag } from './jaegerSpan.js';
import { jaegerSpanKind } from './jaegerSpanKind.js';
import { ATTR_OPENTRACING_REF_TYPE, FIELD_EVENT, TAG_SPAN_KIND, TAG_W3C_TRACESTATE } from './jaegerTagNames.js';
import { processKey, resourceOfProcess } from './processToResource.js';
import { takeScope } from './takeScope.js';
import { statusFromTags } from './statusFromTags.js';

export interface JaegerDecodeResult {
  batch: TraceBatch;
  /** Spans dropped as unusable. */
  rejected: number;
  /** Why, for the first few: `spans[3].traceId: ...`. */
  problems: string[];
}

const MAX_PROBLEMS = 20;
/** Jaeger's sampled flag, and the W3C trace-flags bit it becomes. */
const JAEGER_SAMPLED = 1;
const W3C_SAMPLED = 0x01;

export function tagsToAttributes(tags: readonly JaegerTag[]): Attributes {
  const attrs: Attributes = new Map();
  for (const t of tags) attrs.set(t.key, t.value);
  return attrs;
}

/** The parent: Thrift's parentSpanId, else the first CHILD_OF reference in the same trace, else the first FOLLOWS_FROM. */
function parentOf(span: JaegerSpan): string {
  if (span.parentSpanId !== '') return span.parentSpanId;
  const sameTrace = span.references.filter((r) => r.traceId === span.traceId);
  return (sameTrace.find((r) => r.refType === 'CHILD_OF') ?? sameTrace.find((r) => r.refType === 'FOLLOWS_FROM'))?.spanId ?? '';
}

function events(span: JaegerSpan): SpanEvent[] {
  return span.logs.map((log) => {
    const attributes = tagsToAttributes(log.fields);
    let name = '';
    if (attributes.has(FIELD_EVENT)) {
      const v = attributes.get(FIELD_EVENT);
      name = typeof v === 'string' ? v : '';
      attributes.delete(FIELD_EVENT);
    }
    return { timeUnixNano: log.timeUnixNano, name, attributes, droppedAttributesCount: 0 };
  });
}

/** Every reference but the CHILD_OF one that became the parent; references with unusable ids are counted as dropped. */
function links(span: JaegerSpan, parent: string): { links: SpanLink[]; dropped: number } {
  const out: SpanLink[] = [];
  let dropped = 0;
  for (const r of span.references) {
    if (r.refType === 'CHILD_OF' && r.spanId === parent) continue;
    if (!isValidTraceId(r.traceId) || !isValidSpanId(r.spanId)) {
      dropped++;
      continue;
    }
    const attributes: Attributes = new Map([[ATTR_OPENTRACING_REF_TYPE, r.refType === 'CHILD_OF' ? 'child_of' : 'follows_from']]);
    out.push({ traceId: r.traceId, spanId: r.spanId, traceState: '', attributes, droppedAttributesCount: 0, flags: 0 });
  }
  return { links: out, dropped };
}

/** Why a span cannot be kept, or undefined. */
function problemOf(span: JaegerSpan): string | undefined {
  if (!isValidTraceId(span.traceId)) return `traceId: ${span.traceId === '' ? 'missing' : `"${span.traceId}" is not a non-zero 128-bit id`}`;
  if (!isValidSpanId(span.spanId)) return `spanId: ${span.spanId === '' ? 'missing' : `"${span.spanId}" is not a non-zero 64-bit id`}`;
  if (span.startTimeUnixNano < 0n) return 'startTime: negative';
  if (span.durationNanos < 0n) return 'duration: negative';
  return undefined;
}

function toModelSpan(span: JaegerSpan, attributes: Attributes): Span {
  let kind = jaegerSpanKind(undefined);
  if (attributes.has(TAG_SPAN_KIND)) {
    kind = jaegerSpanKind(attributes.get(TAG_SPAN_KIND));
    attributes.delete(TAG_SPAN_KIND);
  }
  const status = statusFromTags(attributes, kind);
  let traceState = '';
  if (attributes.has(TAG_W3C_TRACESTATE)) {
    const v = attributes.get(TAG_W3C_TRACESTATE);
    traceState = typeof v === 'string' ? v : '';
    attributes.delete(TAG_W3C_TRACESTATE);
  }
  const parent = parentOf(span);
  const l = links(span, parent);
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: isValidSpanId(parent) ? parent : '',
    traceState,
    flags: (span.flags & JAEGER_SAMPLED) !== 0 ? W3C_SAMPLED : 0,
    name: span.operationName,
    kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.startTimeUnixNano + span.durationNanos,
    attributes,
    droppedAttributesCount: 0,
    events: events(span),
    droppedEventsCount: 0,
    links: l.links,
    droppedLinksCount: l.dropped,
    status,
  };
}

/**
 * Translates Jaeger batches. Spans are grouped by their process (a span's own process wins over its batch's, as
 * model.proto allows) into one resource each, and within it by instrumentation scope, in the order first seen.
 */
export function jaegerBatchesToModel(batches: readonly JaegerBatch[]): JaegerDecodeResult {
  const resources = new Map<string, ResourceSpans>();
  const scopes = new Map<ResourceSpans, Map<string, ScopeSpans>>();
  const problems: string[] = [];
  let rejected = 0;
  let index = 0;
  for (const batch of batches) {
    for (const span of batch.spans) {
      const where = `spans[${index++}]`;
      const problem = problemOf(span);
      if (problem !== undefined) {
        rejected++;
        if (problems.length < MAX_PROBLEMS) problems.push(`${where}.${problem}`);
        continue;
      }
      const process = span.process ?? batch.process;
      const key = processKey(process);
      let rs = resources.get(key);
      if (rs === undefined) {
        rs = { resource: resourceOfProcess(process), schemaUrl: '', scopeSpans: [] };
        resources.set(key, rs);
        scopes.set(rs, new Map());
      }
      const attributes = tagsToAttributes(span.tags);
      const scope = takeScope(attributes);
      const byScope = scopes.get(rs) as Map<string, ScopeSpans>;
      const scopeKey = `${scope.name}\u0000${scope.version}`;
      let ss = byScope.get(scopeKey);
      if (ss === undefined) {
        ss = { scope: { name: scope.name, version: scope.version, attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [] };
        byScope.set(scopeKey, ss);
        rs.scopeSpans.push(ss);
      }
      ss.spans.push(toModelSpan(span, attributes));
    }
  }
  const out = { resourceSpans: [...resources.values()] };
  // protobufjs lets bytes through that decode to lone surrogates; they become U+FFFD (model/wellFormedStrings.ts).
  repairLoneSurrogates(out);
  return { batch: out, rejected, problems };
}

/** The same for one batch (what one request or datagram carries). */
export function jaegerBatchToModel(batch: JaegerBatch): JaegerDecodeResult {
  return jaegerBatchesToModel([batch]);
}

/** The refusal for a request none of whose spans could be used, naming why (the first few reasons). */
export function noUsableSpan(result: JaegerDecodeResult): PipelineError {
  const more = result.rejected > result.problems.length ? ` (and ${result.rejected - result.problems.length} more)` : '';
  return new PipelineError('SB_MALFORMED', `no usable span in the request: ${result.problems.join('; ')}${more}`);
}
