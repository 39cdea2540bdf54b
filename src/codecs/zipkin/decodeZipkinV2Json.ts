// Zipkin v2 JSON (zipkin2-api.yaml's ListOfSpans) -> model, read leniently: the shapes Envoy, Istio and FSM sidecars
// actually send are accepted (docs/zipkin-mesh.md), and one unreadable span is dropped without the others.
import { PipelineError } from '../../errors.js';
import { readJsonEndpoint } from './endpoints.js';
import { fieldProblem, nonStringTagText, normalizeSpanId, normalizeTraceId, readMicros, spanProblem } from './readFields.js';
import { buildDecodeResult, parseJsonBody, type ZipkinDecodeOptions, type ZipkinDecodeResult } from './zipkinDecodeResult.js';
import type { ZipkinAnnotation, ZipkinKind, ZipkinSpan } from './zipkinSpan.js';

/**
 * Zipkin v2 JSON (a ListOfSpans array, or one span object as a list of one) to a batch. Throws SB_MALFORMED when the
 * body is not JSON or not a list; unusable spans are dropped and reported in the result.
 */
export function decodeZipkinV2Json(body: Buffer | string, options?: ZipkinDecodeOptions): ZipkinDecodeResult {
  const json = parseJsonBody(body);
  let items: unknown[];
  if (Array.isArray(json)) items = json;
  else if (json !== null && typeof json === 'object') items = [json];
  else throw new PipelineError('SB_MALFORMED', `body must be a JSON array of Zipkin v2 spans, not ${json === null ? 'null' : typeof json}`);
  return buildDecodeResult(items, (raw, where) => [readV2JsonSpan(raw, where)], options);
}

const KINDS: ReadonlySet<string> = new Set(['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER']);

/** The value of a string field; absent or null is `undefined`. */
function optionalString(o: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fieldProblem(where, key, 'not a string');
  return v;
}

/**
 * One element of a v2 JSON ListOfSpans: ids are normalized, times may be floats or numeric strings, `kind` is matched
 * case-insensitively (unknown values mean no kind), empty names are absent, `shared` and `debug` count only when
 * `true`, and unknown fields are ignored. Throws SB_MALFORMED naming the field when the span cannot be used.
 */
function readV2JsonSpan(raw: unknown, where: string): ZipkinSpan {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw spanProblem(where, `not an object (${raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw})`);
  const o = raw as Record<string, unknown>;
  const traceIdText = optionalString(o, 'traceId', where);
  if (traceIdText === undefined) throw fieldProblem(where, 'traceId', 'missing');
  const idText = optionalString(o, 'id', where);
  if (idText === undefined) throw fieldProblem(where, 'id', 'missing');
  const id = normalizeSpanId(idText, where, 'id');
  if (id === undefined) throw fieldProblem(where, 'id', idText === '' ? 'empty' : 'all zeros');
  const parentText = optionalString(o, 'parentId', where);
  const parent = parentText === undefined ? undefined : normalizeSpanId(parentText, where, 'parentId');

  const span: ZipkinSpan = { traceId: normalizeTraceId(traceIdText, where, 'traceId'), id: id.id, annotations: [], tags: readJsonTags(o.tags, where) };
  if (id.original !== undefined) span.originalId = id.original;
  if (parent !== undefined && parent.id !== span.id) span.parentId = parent.id;
  const kind = optionalString(o, 'kind', where)?.toUpperCase();
  if (kind !== undefined && KINDS.has(kind)) span.kind = kind as ZipkinKind;
  const name = optionalString(o, 'name', where);
  if (name) span.name = name;
  const timestamp = readMicros(o.timestamp, where, 'timestamp');
  if (timestamp) span.timestamp = timestamp;
  const duration = readMicros(o.duration, where, 'duration');
  if (duration) span.duration = duration;
  const local = readJsonEndpoint(o.localEndpoint, where, 'localEndpoint');
  if (local) span.localEndpoint = local;
  const remote = readJsonEndpoint(o.remoteEndpoint, where, 'remoteEndpoint');
  if (remote) span.remoteEndpoint = remote;
  span.annotations = readJsonAnnotations(o.annotations, where);
  if (o.debug === true) span.debug = true;
  if (o.shared === true) span.shared = true;
  return span;
}

/** The `annotations` of the span at `where`. */
function readJsonAnnotations(raw: unknown, where: string): ZipkinAnnotation[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw fieldProblem(where, 'annotations', 'not an array');
  return raw.map((a: unknown, i) => {
    const at = `annotations[${i}]`;
    if (a === null || typeof a !== 'object' || Array.isArray(a)) throw fieldProblem(where, at, 'not an object');
    const { timestamp, value } = a as Record<string, unknown>;
    if (typeof value !== 'string') throw fieldProblem(where, `${at}.value`, value === undefined ? 'missing' : 'not a string');
    const micros = readMicros(timestamp, where, `${at}.timestamp`);
    if (micros === undefined) throw fieldProblem(where, `${at}.timestamp`, 'missing');
    return { timestamp: micros, value };
  });
}

/**
 * The `tags` of the span at `where`. Values should be strings, but senders write numbers, booleans and objects too:
 * numbers and booleans are stringified, objects and arrays are written as JSON text (nonStringTagText), and null values
 * are skipped. The
 * map is built once, with for...in (no entry arrays): zipkinSpanToModel turns it into the span's attributes without
 * copying.
 */
function readJsonTags(raw: unknown, where: string): Map<string, string> {
  const tags = new Map<string, string>();
  if (raw === undefined || raw === null) return tags;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fieldProblem(where, 'tags', 'not an object');
  // A JSON.parse result has only own enumerable properties (Object.prototype has no enumerable ones).
  const o = raw as Record<string, unknown>;
  for (const key in o) {
    const value = o[key];
    if (value === null || value === undefined) continue;
    tags.set(key, typeof value === 'string' ? value : nonStringTagText(value, where, `tags.${key}`));
  }
  return tags;
}
