// OpenTelemetry -> X-Ray for one span: the node's own fields (name, times, ids, namespace, flags) and the blocks the
// topic files write, following the contrib exporter with the fixes docs/xray-mapping.md explains.
import { PipelineError } from '../../errors.js';
import { anyValueEquals } from '../../model/attributes.js';
import { isValidSpanId, isValidTraceId } from '../../model/ids.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { AnyValue, Attributes, InstrumentationScope, Resource, Span } from '../../model/span.js';
import { writeAnnotationsAndMetadata } from './annotationsAndMetadata.js';
import { createAttributeReader } from './attributeReader.js';
import type { AttributeReader } from './attributeReader.js';
import { writeAwsBlock } from './aws.js';
import { writeCause } from './cause.js';
import { DERIVED_SPAN_ATTRIBUTE_KEYS, derivedSpanAttributes } from './derivedViews.js';
import { writeHttpBlock } from './http.js';
import { completeXrayNode, nativeSegmentResource } from './nodeParts.js';
import type { NativeSegmentResourceCache, SegmentResourceFields, XrayNodeParts } from './nodeParts.js';
import { originFromResource, writeResourceAwsBlocks } from './resource.js';
import { writeSqlBlock } from './sql.js';
import { nanosToSeconds } from './times.js';
import { chooseXrayTraceId, writeLinks } from './traceIds.js';
import {
  ORIGINAL_TRACE_ID_ANNOTATION, XRAY_DOCUMENT_KIND, XRAY_ERROR, XRAY_EXTRA_FIELDS, XRAY_FAULT, XRAY_IN_PROGRESS,
  XRAY_INFERRED, XRAY_NAMESPACE, XRAY_OMITTED_FIELDS, XRAY_ORIGIN, XRAY_PRECURSOR_IDS, XRAY_THROTTLE, XRAY_TRACED,
  XRAY_TRACE_ID,
} from './xrayAttributeNames.js';
import type { XrayEncodeOptions, XrayHttp, XraySegmentDocument } from './xraySegmentDocument.js';

/**
 * One span as a document of its own: a segment for SERVER spans and spans without a parent, else an independent
 * subsegment (`type: "subsegment"`, `parent_id`, `trace_id`). A span decoded from X-Ray keeps the form it had, except
 * that an embedded subsegment becomes an independent one (batchToXrayDocuments nests it again when its parent is in the
 * batch). The scope carries nothing X-Ray has a field for. Throws SB_MALFORMED for invalid ids.
 */
export function spanToXraySegment(span: Span, resource: Resource, _scope: InstrumentationScope, options: XrayEncodeOptions = {}): XraySegmentDocument {
  if (!isValidTraceId(span.traceId)) throw new PipelineError('SB_MALFORMED', `span ${span.spanId}: trace id ${JSON.stringify(span.traceId)} is not 32 hex digits (or is all zeros)`);
  if (!isValidSpanId(span.spanId)) throw new PipelineError('SB_MALFORMED', `span id ${JSON.stringify(span.spanId)}: not 16 hex digits (or all zeros)`);
  return encodeXrayNode(span, resource, options, 'top');
}

/** `top`: a document of its own (with trace_id, and parent_id/type as needed); `embedded`: inside its parent's. */
export type XrayPlacement = 'top' | 'embedded';

/**
 * One span as one X-Ray node, without `subsegments`. Native spans follow the contrib exporter's rules with the fixes
 * docs/xray-mapping.md explains; a span decoded from X-Ray (it has `aws.xray.document_kind`) is written back from its
 * attributes alone, nothing inferred, and then `aws.xray.extra_fields` / `aws.xray.omitted_fields` make it equal to the
 * document it came from. The caller has checked the span's ids.
 */
export function encodeXrayNode(span: Span, resource: Resource, options: XrayEncodeOptions, placement: XrayPlacement, context?: XrayEncodeContext): XraySegmentDocument {
  return completeXrayNode(encodeXrayNodeParts(span, resource, options, placement, context));
}

/** What a caller's encodings may share with each other (all optional; none changes the result). */
export interface XrayEncodeContext {
  /** For a caller that encodes a whole batch under the same options (nativeSegmentResource in nodeParts.ts). */
  resources?: NativeSegmentResourceCache;
  /**
   * JSON texts of `aws.xray.metadata.<ns>` attributes with values that parsing them gives (up to key order), so the
   * decoder's lossless check does not parse again what it has just stringified.
   */
  metadataTexts?: ReadonlyMap<string, unknown>;
}

/** encodeXrayNode with `metadata` and the document patch not yet applied (nodeParts.ts). */
export function encodeXrayNodeParts(span: Span, resource: Resource, options: XrayEncodeOptions, placement: XrayPlacement, context?: XrayEncodeContext): XrayNodeParts {
  const r = createAttributeReader(span.attributes);
  const documentKind = r.string(XRAY_DOCUMENT_KIND);
  const fromXray = documentKind === 'segment' || documentKind === 'subsegment' || documentKind === 'embedded';
  const isSegment = fromXray ? documentKind === 'segment' : span.kind === SpanKind.SERVER || span.parentSpanId === '';
  const top = placement === 'top';
  const withResource = fromXray ? top && documentKind !== 'embedded' : isSegment;
  const res = resource.attributes;
  const extra = r.take(XRAY_EXTRA_FIELDS);
  const omitted = r.take(XRAY_OMITTED_FIELDS);
  const { xrayTraceId, rewritten } = chooseXrayTraceId(span.traceId, r.take(XRAY_TRACE_ID), options);

  let name: string;
  let fromAwsService = false;
  if (fromXray) name = sanitizeSegmentName(span.name);
  else ({ name, fromAwsService } = resolveSegmentName(span, res, r));
  const doc: XraySegmentDocument = { name, id: span.spanId, start_time: nanosToSeconds(span.startTimeUnixNano) };
  const inProgress = r.boolean(XRAY_IN_PROGRESS);
  if (inProgress !== true && span.endTimeUnixNano !== 0n) doc.end_time = nanosToSeconds(span.endTimeUnixNano);
  if (inProgress !== undefined) doc.in_progress = inProgress;
  else if (!fromXray && span.endTimeUnixNano === 0n) doc.in_progress = true;
  if (top) {
    doc.trace_id = xrayTraceId;
    if (span.parentSpanId !== '') doc.parent_id = span.parentSpanId;
    if (!isSegment) doc.type = 'subsegment';
  }
  const namespace = r.string(XRAY_NAMESPACE) ?? (fromXray || isSegment ? undefined : deriveNamespace(span, fromAwsService));
  if (namespace !== undefined) doc.namespace = namespace;
  const user = r.string('enduser.id');
  if (user !== undefined) doc.user = user;
  const origin = r.string(XRAY_ORIGIN) ?? (!fromXray && isSegment ? originFromResource(res) : undefined);
  if (origin !== undefined) doc.origin = origin;
  const resourceArn = withResource ? res.get('cloud.resource_id') : undefined;
  if (typeof resourceArn === 'string') doc.resource_arn = resourceArn;

  const http = writeHttpBlock(r, span.kind, fromXray);
  if (http !== undefined) doc.http = http;
  const native = withResource && !fromXray ? nativeSegmentResource(res, options, context?.resources) : undefined;
  const aws = writeAwsBlock(r, fromXray);
  // The fields after `service` go to `rest`: the same object, except for a native segment whose `aws` and `service`
  // come from its resource alone, which are then shared (parts.resourceFields) and put in their place at the end.
  let rest: Partial<XraySegmentDocument> = doc;
  let resourceFields: SegmentResourceFields | undefined;
  if (native !== undefined && !hasOwnKeys(aws)) {
    resourceFields = native.fields;
    rest = {};
  } else {
    const serviceVersion = withResource ? writeResourceAwsBlocks(res, aws, fromXray) : undefined;
    const provider = res.get('cloud.provider');
    if (Object.keys(aws).length > 0 && (fromXray || provider === undefined || provider === 'aws')) doc.aws = aws;
    if (serviceVersion !== undefined) doc.service = { version: serviceVersion };
  }
  // With resourceFields, doc.aws is missing but would hold only resource blocks, which derive nothing.
  consumeDerivedViews(r, doc);
  const sql = writeSqlBlock(r, fromXray);
  if (sql !== undefined) rest.sql = sql;

  writeFlags(rest, http, r, span, fromXray);
  const language = res.get('telemetry.sdk.language');
  const cause = writeCause(span, r, fromXray, typeof language === 'string' ? language : undefined);
  if (cause !== undefined) rest.cause = cause;
  const precursors = r.strings(XRAY_PRECURSOR_IDS);
  if (precursors !== undefined) rest.precursor_ids = precursors;
  const traced = r.boolean(XRAY_TRACED);
  if (traced !== undefined) rest.traced = traced;
  const inferred = r.boolean(XRAY_INFERRED);
  if (inferred !== undefined) rest.inferred = inferred;
  const links = writeLinks(span.links, options);
  if (links !== undefined) rest.links = links;

  const { annotations, metadata } = writeAnnotationsAndMetadata(r, native?.metadata, options, fromXray, context?.metadataTexts);
  if (top && rewritten && annotations?.[ORIGINAL_TRACE_ID_ANNOTATION] === undefined) rest.annotations = { ...annotations, [ORIGINAL_TRACE_ID_ANNOTATION]: span.traceId };
  else if (annotations !== undefined) rest.annotations = annotations;
  const patch = extra !== undefined || omitted !== undefined ? { extra, omitted: Array.isArray(omitted) ? omitted : undefined } : undefined;
  return { doc, resourceFields, rest: resourceFields === undefined ? undefined : rest, metadata, patch };
}

function hasOwnKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

/** A subsegment's namespace: `aws` for AWS SDK calls, `remote` for other outgoing calls. */
function deriveNamespace(span: Span, fromAwsService: boolean): string | undefined {
  const a = span.attributes;
  if (a.get('rpc.system') === 'aws-api' || fromAwsService) return 'aws';
  if (span.kind === SpanKind.CLIENT) return 'remote';
  if ((span.kind === SpanKind.PRODUCER || span.kind === SpanKind.CONSUMER) && a.has('aws.remote.service')) return 'remote';
  return undefined;
}

/**
 * `error` (4xx), `throttle` (429) and `fault` (5xx or status ERROR). Written only when true, except that a flag kept
 * from an X-Ray document (`aws.xray.error` etc.) is written as it was, `false` included.
 */
function writeFlags(doc: Partial<XraySegmentDocument>, http: XrayHttp | undefined, r: AttributeReader, span: Span, fromXray: boolean): void {
  const error = r.boolean(XRAY_ERROR);
  const throttle = r.boolean(XRAY_THROTTLE);
  const fault = r.boolean(XRAY_FAULT);
  let derivedError = false;
  let derivedThrottle = false;
  let derivedFault = false;
  if (!fromXray) {
    const status = http?.response?.status;
    if (status !== undefined && status >= 400 && status <= 499) {
      derivedError = true;
      derivedThrottle = status === 429;
    } else if (status !== undefined && status >= 500 && status <= 599) derivedFault = true;
    else derivedFault = span.status.code === StatusCode.ERROR;
  }
  if (error !== undefined || derivedError) doc.error = error ?? true;
  if (throttle !== undefined || derivedThrottle) doc.throttle = throttle ?? true;
  if (fault !== undefined || derivedFault) doc.fault = fault ?? true;
}

/** Drops the derivedSpanAttributes views that equal what this document implies, so they do not become metadata. */
function consumeDerivedViews(r: AttributeReader, doc: XraySegmentDocument): void {
  let derived: Array<[string, AnyValue]> | undefined;
  for (const key of DERIVED_SPAN_ATTRIBUTE_KEYS) {
    const v = r.attributes.get(key);
    if (v === undefined || r.used.has(key)) continue;
    derived ??= derivedSpanAttributes(doc);
    for (const [k, d] of derived) {
      if (k !== key) continue;
      if (anyValueEquals(v, d)) r.take(key);
      break;
    }
  }
}

const str = (a: Attributes, k: string): string | undefined => {
  const v = a.get(k);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * The segment name of a native span, first match wins (contrib's order), sanitised whatever its source (contrib
 * sanitises only the span name, so other sources can make X-Ray refuse the document). `fromAwsService` tells that
 * `aws.service` gave it, which implies namespace `aws`.
 */
function resolveSegmentName(span: Span, resource: Attributes, r: AttributeReader): { name: string; fromAwsService: boolean } {
  const a = span.attributes;
  const kind = span.kind;
  let name: string | undefined;
  if (kind === SpanKind.SERVER) name = str(a, 'aws.local.service');
  else if (kind === SpanKind.INTERNAL && a.get('aws.span.kind') === 'LOCAL_ROOT') name = str(a, 'aws.local.service');
  else if (kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER || kind === SpanKind.CONSUMER) {
    name = str(a, 'aws.remote.service');
    if (name !== undefined && a.get('rpc.system') === 'aws-api') name = name.replace(/^(AWS\.SDK\.|AWS::)/, '');
  }
  name ??= str(a, 'peer.service');
  if (name === undefined) {
    const awsService = str(a, 'aws.service');
    if (awsService !== undefined) {
      r.take('aws.service');
      return { name: sanitizeSegmentName(awsService), fromAwsService: true };
    }
  }
  if (name === undefined) {
    const db = str(a, 'db.name');
    if (db !== undefined) {
      const host = hostOf(str(a, 'db.connection_string'));
      name = host === undefined ? db : `${db}@${host}`;
    }
  }
  if (name === undefined && kind === SpanKind.SERVER) name = str(resource, 'service.name');
  name ??= str(a, 'rpc.service') ?? str(a, 'http.host') ?? str(a, 'net.peer.name') ?? span.name;
  return { name: sanitizeSegmentName(name), fromAwsService: false };
}

function hostOf(connection: string | undefined): string | undefined {
  if (connection === undefined) return undefined;
  const text = connection.replace(/^jdbc:/, '');
  return URL.canParse(text) ? new URL(text).hostname || undefined : undefined;
}

/**
 * X-Ray's name charset: Unicode letters, digits, whitespace and `_ . : / % & # = + \ - @`. The contrib exporter also
 * drops `\`; the docs allow it, so it stays.
 */
const INVALID = /[^\p{L}\p{N}\s_.:/%&#=+\\\-@]/gu;
/** 1 to 200 characters that are all allowed and ASCII (most names): nothing to remove or cut, no Unicode tables. */
const PLAIN = /^[A-Za-z0-9 _.:/%&#=+\\\-@]{1,200}$/;
const MAX_CODE_POINTS = 200;

/**
 * A segment name X-Ray accepts (no `InvalidName` refusal): invalid characters removed, cut to 200 code points, `span`
 * when nothing is left.
 */
function sanitizeSegmentName(name: string): string {
  if (PLAIN.test(name)) return name;
  let out = name.replace(INVALID, '');
  if (out.length > MAX_CODE_POINTS) {
    const points = Array.from(out);
    if (points.length > MAX_CODE_POINTS) out = points.slice(0, MAX_CODE_POINTS).join('');
  }
  return out === '' ? 'span' : out;
}
