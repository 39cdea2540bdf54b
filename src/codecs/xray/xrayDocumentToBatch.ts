// X-Ray -> OpenTelemetry: documents read and validated node by node, each node a span whose attributes the topic files
// read, then encoded again so that what the mapping would lose is kept on the span (documentPatch.ts).
import { PipelineError } from '../../errors.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { AnyValue, ResourceSpans, Span, SpanEvent, TraceBatch } from '../../model/span.js';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from '../../model/valueDepth.js';
import { repairLoneSurrogates } from '../../model/wellFormedStrings.js';
import { readAnnotationsAndMetadata } from './annotationsAndMetadata.js';
import { readAwsFields } from './aws.js';
import { readCauseFields } from './cause.js';
import { derivedSpanAttributes } from './derivedViews.js';
import { diffDocumentFields } from './documentPatch.js';
import { isJsonObject, readArray, readBoolean, readNumber, readString, stringsOf, xrayProblem } from './fieldReaders.js';
import { readHttpFields } from './http.js';
import { readXrayResource } from './resource.js';
import { encodeXrayNode } from './spanToXraySegment.js';
import { readSqlFields } from './sql.js';
import { secondsToNanos } from './times.js';
import { readLinks, restoreOriginalTraceId, XRAY_SPAN_ID_PATTERN, XRAY_TRACE_ID_PATTERN } from './traceIds.js';
import {
  XRAY_DOCUMENT_KIND, XRAY_ERROR, XRAY_EXTRA_FIELDS, XRAY_FAULT, XRAY_IN_PROGRESS, XRAY_INFERRED, XRAY_NAMESPACE,
  XRAY_OMITTED_FIELDS, XRAY_ORIGIN, XRAY_PRECURSOR_IDS, XRAY_THROTTLE, XRAY_TRACED, XRAY_TRACE_ID,
} from './xrayAttributeNames.js';
import type { XraySegmentDocument } from './xraySegmentDocument.js';

/**
 * One X-Ray segment document (JSON text or parsed) as a batch: one ResourceSpans, a span per segment and embedded
 * subsegment (README.md lists the attributes). A document that is not JSON or breaks a rule is rejected whole with
 * SB_MALFORMED naming the field, e.g. `X-Ray document subsegments[0].namespace: unexpected namespace "invalidNs"`, and
 * so is a field nested deeper than MAX_VALUE_DEPTH. Lone surrogates in strings become U+FFFD. The UDP daemon header
 * line is the transport's to strip.
 */
export function xrayDocumentToBatch(doc: string | object): TraceBatch {
  let parsed: unknown = doc;
  if (typeof doc === 'string') {
    try {
      parsed = JSON.parse(doc);
    } catch (err) {
      throw new PipelineError('SB_MALFORMED', `X-Ray document: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  const batch = { resourceSpans: [readXrayDocument(parsed, typeof doc === 'string')] };
  repairLoneSurrogates(batch);
  return batch;
}

export interface XrayTracesDecodeResult {
  batch: TraceBatch;
  /** Documents that could not be read (each names its place, e.g. `Traces[0].Segments[3]: ...`). */
  rejected: number;
  problems: string[];
}

/**
 * BatchGetTraces output (`{Traces: [{Id, Segments: [{Id, Document}]}]}`, or its `Traces` array) as one batch: every
 * `Document` string translated on its own, inferred segments included (flagged by `aws.xray.inferred`). A bad document
 * is counted and named, not fatal to the others (unlike dtPaTh's X-Ray connector).
 */
export function xrayTracesToBatch(traces: unknown): XrayTracesDecodeResult {
  const list = Array.isArray(traces) ? traces : isJsonObject(traces) && Array.isArray(traces.Traces) ? traces.Traces : undefined;
  if (list === undefined) throw new PipelineError('SB_MALFORMED', 'BatchGetTraces output: expected an object with a Traces array, or that array');
  const batch: TraceBatch = { resourceSpans: [] };
  const problems: string[] = [];
  list.forEach((trace: unknown, t) => {
    const segments = isJsonObject(trace) ? trace.Segments : undefined;
    if (!Array.isArray(segments)) {
      problems.push(`Traces[${t}].Segments: expected an array`);
      return;
    }
    segments.forEach((segment: unknown, s) => {
      const where = `Traces[${t}].Segments[${s}]`;
      const document = isJsonObject(segment) ? segment.Document : undefined;
      if (typeof document !== 'string') {
        problems.push(`${where}.Document: expected a JSON string`);
        return;
      }
      try {
        batch.resourceSpans.push(...xrayDocumentToBatch(document).resourceSpans);
      } catch (err) {
        problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  return { batch, rejected: problems.length, problems };
}

/** Rebuilt from the span structure, never restored from a diff: ids (case is normalised) and the nesting. */
const STRUCTURE = new Set(['trace_id', 'id', 'subsegments']);

/**
 * One parsed top-level X-Ray document (segment or independent subsegment) as one ResourceSpans with one scope and a
 * span per node. Resource attributes come from the top-level node. Each node is then encoded back and whatever that
 * misses or adds is kept on its span in `aws.xray.extra_fields` / `aws.xray.omitted_fields`, which makes X-Ray -> model
 * -> X-Ray exact whatever the document holds. Throws SB_MALFORMED naming the field. `parsedFromText`: the document is
 * JSON.parse's result (not a caller's object), which lets that check skip work.
 */
function readXrayDocument(doc: unknown, parsedFromText = false): ResourceSpans {
  if (!isJsonObject(doc)) throw xrayProblem('(top level)', 'expected a JSON object');
  const traceIdText = readString(doc, 'trace_id', '');
  if (traceIdText === undefined) throw xrayProblem('trace_id', 'missing');
  if (!XRAY_TRACE_ID_PATTERN.test(traceIdText)) throw xrayProblem('trace_id', `expected 1-{8 hex}-{24 hex} (got ${JSON.stringify(traceIdText)})`);
  const xrayTraceId = traceIdText.toLowerCase();
  const parentText = readString(doc, 'parent_id', '');
  if (parentText !== undefined && !XRAY_SPAN_ID_PATTERN.test(parentText)) throw xrayProblem('parent_id', `expected 16 hex digits (got ${JSON.stringify(parentText)})`);
  const parent = parentText === undefined || /^0+$/.test(parentText) ? '' : parentText.toLowerCase();
  const type = readString(doc, 'type', '');
  const kind = type?.toLowerCase() === 'subsegment' && parent !== '' ? 'subsegment' : 'segment';

  const annotations = isJsonObject(doc.annotations) ? doc.annotations : undefined;
  const traceId = restoreOriginalTraceId(xrayTraceId, annotations);
  const plain = xrayTraceId.slice(2, 10) + xrayTraceId.slice(11);
  const ctx: XrayReadContext = { traceId, xrayTraceId: traceId === plain ? undefined : xrayTraceId, nodes: [] };
  // Values parsed from JSON text come back the same from JSON text, so the check below can reuse them for the texts
  // it would parse; values of a caller's object (perhaps not plain JSON: undefined, NaN, toJSON) are parsed again.
  if (parsedFromText) ctx.metadataTexts = new Map();
  readXrayNode(doc, '', ctx, kind, parent, 0);

  const resource = { attributes: readXrayResource(doc), droppedAttributesCount: 0 };
  for (const { span, node, kind: nodeKind } of ctx.nodes) {
    const encoded = encodeXrayNode(span, resource, {}, nodeKind === 'embedded' ? 'embedded' : 'top', { metadataTexts: ctx.metadataTexts });
    const { extra, omitted } = diffDocumentFields(node, encoded, STRUCTURE);
    if (extra !== undefined) span.attributes.set(XRAY_EXTRA_FIELDS, extra);
    if (omitted.length > 0) span.attributes.set(XRAY_OMITTED_FIELDS, omitted);
  }
  return {
    resource,
    schemaUrl: '',
    scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: ctx.nodes.map((n) => n.span) }],
  };
}

const NAMESPACES = new Set(['aws', 'remote', 'local']);
/** Deeper nesting than this is not a real trace (a document is at most 64 kB) and is refused before recursion hurts. */
const MAX_DEPTH = 64;

type XrayNodeKind = 'segment' | 'subsegment' | 'embedded';

/** What reading one document needs and gathers: its trace id and, per node, the span and the JSON it came from. */
interface XrayReadContext {
  traceId: string;
  /** Set when traceId was restored from the epoch fix's annotation: the X-Ray id to keep in `aws.xray.trace_id`. */
  xrayTraceId: string | undefined;
  nodes: Array<{ span: Span; node: Record<string, unknown>; kind: XrayNodeKind }>;
  /** Given for a document parsed from JSON text: each metadata namespace's JSON text and its parsed value. */
  metadataTexts?: Map<string, unknown>;
}

/**
 * One (sub)segment as a span, then its embedded subsegments (depth-first pre-order). Every node is validated, not only
 * the top one (contrib checks only the top): `name`, 16-hex `id`, `start_time` present; `end_time`, `in_progress`,
 * `namespace` (aws, remote or local; anything else invalidates the document, as in contrib), `cause`, `annotations`,
 * `metadata`, `subsegments` of the right type. Kind: SERVER for segments, else SERVER with a client IP, CLIENT for
 * aws/remote, INTERNAL otherwise. Status ERROR for fault, error, throttle, an HTTP status of 400 or more, or a
 * non-empty cause (contrib ignores the flags, though X-Ray's console shows them as errors).
 */
function readXrayNode(node: unknown, where: string, ctx: XrayReadContext, kind: XrayNodeKind, parentSpanId: string, depth: number): void {
  if (depth > MAX_DEPTH) throw xrayProblem(where, `subsegments nested deeper than ${MAX_DEPTH}`);
  if (!isJsonObject(node)) throw xrayProblem(where === '' ? '(top level)' : where.slice(0, -1), 'expected an object');
  // Before anything below walks a field recursively (attributes, the diff, the re-encoding); subsegments are nodes,
  // checked as they are read.
  for (const key in node) {
    if (key !== 'subsegments' && nestsDeeperThan(node[key], MAX_VALUE_DEPTH)) throw xrayProblem(`${where}${key}`, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
  }
  const name = readString(node, 'name', where);
  if (name === undefined) throw xrayProblem(`${where}name`, 'missing');
  const id = readString(node, 'id', where);
  if (id === undefined) throw xrayProblem(`${where}id`, 'missing');
  if (!XRAY_SPAN_ID_PATTERN.test(id) || /^0+$/.test(id)) throw xrayProblem(`${where}id`, `expected 16 hex digits, not all zeros (got ${JSON.stringify(id)})`);
  const startSeconds = readNumber(node, 'start_time', where);
  if (startSeconds === undefined) throw xrayProblem(`${where}start_time`, 'missing');
  const start = secondsToNanos(startSeconds);
  if (start === undefined) throw xrayProblem(`${where}start_time`, 'not a time in seconds since the epoch');
  const endSeconds = readNumber(node, 'end_time', where);
  const end = endSeconds === undefined ? 0n : secondsToNanos(endSeconds);
  if (end === undefined) throw xrayProblem(`${where}end_time`, 'not a time in seconds since the epoch');
  const namespace = readString(node, 'namespace', where);
  if (namespace !== undefined && !NAMESPACES.has(namespace)) throw xrayProblem(`${where}namespace`, `unexpected namespace ${JSON.stringify(namespace)} (expected aws, remote or local)`);

  const attrs = new Map<string, AnyValue>();
  attrs.set(XRAY_DOCUMENT_KIND, kind);
  if (ctx.xrayTraceId !== undefined) attrs.set(XRAY_TRACE_ID, ctx.xrayTraceId);
  const flag = (key: string, field: string) => {
    const v = readBoolean(node, field, where);
    if (v !== undefined) attrs.set(key, v);
    return v === true;
  };
  flag(XRAY_IN_PROGRESS, 'in_progress');
  if (namespace !== undefined) attrs.set(XRAY_NAMESPACE, namespace);
  const user = readString(node, 'user', where);
  if (user !== undefined) attrs.set('enduser.id', user);
  const origin = readString(node, 'origin', where);
  if (origin !== undefined) attrs.set(XRAY_ORIGIN, origin);
  const flagged = [flag(XRAY_ERROR, 'error'), flag(XRAY_FAULT, 'fault'), flag(XRAY_THROTTLE, 'throttle')].includes(true);
  flag(XRAY_TRACED, 'traced');
  flag(XRAY_INFERRED, 'inferred');
  const precursors = stringsOf(node, 'precursor_ids');
  if (precursors !== undefined) attrs.set(XRAY_PRECURSOR_IDS, precursors);
  const http = readHttpFields(node, where, attrs);
  readAwsFields(node, where, attrs);
  readSqlFields(node, where, attrs);
  const events: SpanEvent[] = [];
  const cause = readCauseFields(node, where, attrs, events, end === 0n ? start : end);
  readAnnotationsAndMetadata(node, where, attrs, ctx.metadataTexts);
  for (const [k, v] of derivedSpanAttributes(node as XraySegmentDocument)) if (!attrs.has(k)) attrs.set(k, v);

  const spanKind = kind === 'segment' || http.hasClientIp ? SpanKind.SERVER : namespace === 'aws' || namespace === 'remote' ? SpanKind.CLIENT : SpanKind.INTERNAL;
  const isError = flagged || cause.isError || (http.status !== undefined && http.status >= 400);
  const span: Span = {
    traceId: ctx.traceId,
    spanId: id.toLowerCase(),
    parentSpanId,
    traceState: '',
    flags: 1,
    name,
    kind: spanKind,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: attrs,
    droppedAttributesCount: 0,
    events,
    droppedEventsCount: 0,
    links: readLinks(node),
    droppedLinksCount: 0,
    status: { code: isError ? StatusCode.ERROR : StatusCode.UNSET, message: cause.message },
  };
  ctx.nodes.push({ span, node, kind });
  const children = readArray(node, 'subsegments', where);
  children?.forEach((child, i) => readXrayNode(child, `${where}subsegments[${i}].`, ctx, 'embedded', span.spanId, depth + 1));
}

/**
 * How many spans a parsed document becomes (the segment and every embedded subsegment), counted without converting
 * anything and given up past `atMost` (the result is then `atMost + 1`): so a document with a million subsegments is
 * refused for its span count before any span is built. Nodes that are not objects, or nested past MAX_DEPTH, count as
 * one each here and are refused by the conversion.
 */
export function countXrayNodes(doc: unknown, atMost: number): number {
  let count = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (++count > atMost) return atMost + 1;
    const children = isJsonObject(node) && depth < MAX_DEPTH ? node.subsegments : undefined;
    if (Array.isArray(children)) for (const child of children) stack.push({ node: child, depth: depth + 1 });
  }
  return count;
}
