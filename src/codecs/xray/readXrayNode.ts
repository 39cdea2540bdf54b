import { SpanKind, StatusCode } from '../../model/span.js';
import type { AnyValue, Span, SpanEvent } from '../../model/span.js';
import { derivedSpanAttributes } from './derivedSpanAttributes.js';
import { isJsonObject } from './isJsonObject.js';
import { readAnnotationsAndMetadata } from './readAnnotationsAndMetadata.js';
import { readAwsFields } from './readAwsFields.js';
import { readCauseFields } from './readCauseFields.js';
import { readHttpFields } from './readHttpFields.js';
import { readLinks } from './readLinks.js';
import { readSqlFields } from './readSqlFields.js';
import { secondsToNanos } from './secondsToNanos.js';
import {
  XRAY_DOCUMENT_KIND, XRAY_ERROR, XRAY_FAULT, XRAY_IN_PROGRESS, XRAY_INFERRED, XRAY_NAMESPACE, XRAY_ORIGIN,
  XRAY_PRECURSOR_IDS, XRAY_THROTTLE, XRAY_TRACED, XRAY_TRACE_ID,
} from './xrayAttributeNames.js';
import { readArray, readBoolean, readNumber, readString, stringsOf, xrayProblem } from './xrayFieldReaders.js';
import type { XraySegmentDocument } from './xraySegmentDocument.js';

const SPAN_ID = /^[0-9a-fA-F]{16}$/;
const NAMESPACES = new Set(['aws', 'remote', 'local']);
/** Deeper nesting than this is not a real trace (a document is at most 64 kB) and is refused before recursion hurts. */
const MAX_DEPTH = 64;

export type XrayNodeKind = 'segment' | 'subsegment' | 'embedded';

/** What reading one document needs and gathers: its trace id and, per node, the span and the JSON it came from. */
export interface XrayReadContext {
  traceId: string;
  /** Set when traceId was restored from the epoch fix's annotation: the X-Ray id to keep in `aws.xray.trace_id`. */
  xrayTraceId: string | undefined;
  nodes: Array<{ span: Span; node: Record<string, unknown>; kind: XrayNodeKind }>;
  /** Given for a document parsed from JSON text: each metadata namespace's JSON text and its parsed value. */
  metadataTexts?: Map<string, unknown>;
}

/**
 * One (sub)segment as a span, then its embedded subsegments (depth-first pre-order). Every node is validated
 * (contrib validates only the top-level one): `name`, 16-hex `id`, `start_time` present; `end_time`,
 * `in_progress`, `namespace` (aws, remote or local; anything else invalidates the document, as in contrib),
 * `cause`, `annotations`, `metadata`, `subsegments` of the right type. Kind: SERVER for segments, else
 * SERVER with a client IP, CLIENT for aws/remote, INTERNAL otherwise. Status ERROR for fault, error, throttle, an
 * HTTP status of 400 or more, or a non-empty cause (contrib ignores the flags). docs/xray-mapping.md has the rules.
 */
export function readXrayNode(node: unknown, where: string, ctx: XrayReadContext, kind: XrayNodeKind, parentSpanId: string, depth: number): void {
  if (depth > MAX_DEPTH) throw xrayProblem(where, `subsegments nested deeper than ${MAX_DEPTH}`);
  if (!isJsonObject(node)) throw xrayProblem(where === '' ? '(top level)' : where.slice(0, -1), 'expected an object');
  const name = readString(node, 'name', where);
  if (name === undefined) throw xrayProblem(`${where}name`, 'missing');
  const id = readString(node, 'id', where);
  if (id === undefined) throw xrayProblem(`${where}id`, 'missing');
  if (!SPAN_ID.test(id) || /^0+$/.test(id)) throw xrayProblem(`${where}id`, `expected 16 hex digits, not all zeros (got ${JSON.stringify(id)})`);
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
