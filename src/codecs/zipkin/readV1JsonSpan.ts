import { readJsonEndpoint } from './readJsonEndpoint.js';
import { readMicros } from './readMicros.js';
import { fieldProblem, spanProblem } from './spanProblem.js';
import { normalizeSpanId, normalizeTraceId } from './zipkinIds.js';
import type { V1Annotation, V1BinaryAnnotation, V1Span } from './zipkinV1Span.js';

function field(o: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fieldProblem(where, key, 'not a string');
  return v;
}

function asObject(raw: unknown, where: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw spanProblem(where, `not an object (${raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw})`);
  return raw as Record<string, unknown>;
}

function list(raw: unknown, where: string, field: string): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw fieldProblem(where, field, 'not an array');
  return raw;
}

/**
 * One element of a v1 JSON span list (zipkin-api.yaml v1; spec section 1.3), with the same lenient id and time rules
 * as v2 (section 7). Binary annotation values are strings; booleans are kept for the address keys and stringified
 * otherwise, numbers are stringified. Throws SB_MALFORMED naming the field when the span cannot be used.
 */
export function readV1JsonSpan(raw: unknown, where: string): V1Span {
  const o = asObject(raw, where);
  const traceIdText = field(o, 'traceId', where);
  if (traceIdText === undefined) throw fieldProblem(where, 'traceId', 'missing');
  const idText = field(o, 'id', where);
  if (idText === undefined) throw fieldProblem(where, 'id', 'missing');
  const id = normalizeSpanId(idText, where, 'id');
  if (id === undefined) throw fieldProblem(where, 'id', idText === '' ? 'empty' : 'all zeros');
  const parentText = field(o, 'parentId', where);
  const parent = parentText === undefined ? undefined : normalizeSpanId(parentText, where, 'parentId');

  const span: V1Span = { traceId: normalizeTraceId(traceIdText, where, 'traceId'), id: id.id, annotations: [], binaryAnnotations: [] };
  if (id.original !== undefined) span.originalId = id.original;
  if (parent !== undefined && parent.id !== span.id) span.parentId = parent.id;
  const name = field(o, 'name', where);
  if (name) span.name = name;
  const timestamp = readMicros(o.timestamp, where, 'timestamp');
  if (timestamp) span.timestamp = timestamp;
  const duration = readMicros(o.duration, where, 'duration');
  if (duration) span.duration = duration;
  if (o.debug === true) span.debug = true;

  span.annotations = list(o.annotations, where, 'annotations').map((a, i): V1Annotation => {
    const at = `${where}.annotations[${i}]`;
    const ao = asObject(a, at);
    const value = field(ao, 'value', at);
    if (value === undefined) throw fieldProblem(at, 'value', 'missing');
    const micros = readMicros(ao.timestamp, at, 'timestamp');
    if (micros === undefined) throw fieldProblem(at, 'timestamp', 'missing');
    const endpoint = readJsonEndpoint(ao.endpoint, at, 'endpoint');
    return endpoint ? { timestamp: micros, value, endpoint } : { timestamp: micros, value };
  });
  span.binaryAnnotations = list(o.binaryAnnotations, where, 'binaryAnnotations').map((b, i): V1BinaryAnnotation => {
    const at = `${where}.binaryAnnotations[${i}]`;
    const bo = asObject(b, at);
    const key = field(bo, 'key', at);
    if (key === undefined) throw fieldProblem(at, 'key', 'missing');
    const v = bo.value;
    const value = typeof v === 'string' || typeof v === 'boolean' ? v : v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    const endpoint = readJsonEndpoint(bo.endpoint, at, 'endpoint');
    return endpoint ? { key, value, endpoint } : { key, value };
  });
  return span;
}
