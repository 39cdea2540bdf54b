// Zipkin v1 JSON -> model: v1 spans are read (zipkin-api.yaml v1, with the lenient id and time rules of v2) and turned
// into v2 spans by the rules of Zipkin's own V1SpanConverter (see "Zipkin v1" in docs/zipkin-mesh.md), numbered here
// as the code below refers to them:
//  1. one v2 span per distinct local service: the first endpoint seen owns the first span, and data without an
//     endpoint goes to the first span;
//  2. core annotations with an endpoint set that span's kind (cs/cr CLIENT, sr/ss SERVER, ms PRODUCER, mr CONSUMER);
//  3. a missing start annotation is implied when the end one sits exactly at timestamp + duration;
//  4. a span holding cs and sr is shared: the client owns the span's timing, the server half is `shared` and timed
//     sr..ss (two spans even when both sides are the same service);
//  5. a complete one-sided RPC (cs+cr, sr+ss) takes the span's own timing when it has both, else the annotations';
//  6. an incomplete RPC keeps its unmatched end annotation as an annotation;
//  7. v1 marked the server half of a shared span by leaving out its timestamp (or its duration);
//  8. messaging (ms/ws, wr/mr) follows rules 4-6 with PRODUCER and CONSUMER;
//  9. address binary annotations (`ca`, `sa`, `ma` = true) are remote endpoints;
// 10. other binary annotations are tags of their endpoint's span (an empty `lc` is dropped).
import { PipelineError } from '../../errors.js';
import { readJsonEndpoint } from './endpoints.js';
import { fieldProblem, nonStringTagText, normalizeSpanId, normalizeTraceId, readMicros, spanProblem } from './readFields.js';
import { buildDecodeResult, parseJsonBody, type ZipkinDecodeOptions, type ZipkinDecodeResult } from './zipkinDecodeResult.js';
import type { ZipkinEndpoint, ZipkinSpan } from './zipkinSpan.js';

interface V1Annotation {
  timestamp: bigint;
  value: string;
  endpoint?: ZipkinEndpoint;
}

interface V1BinaryAnnotation {
  key: string;
  /** Strings, except address annotations (`ca`, `sa`, `ma`) whose value is boolean `true`. */
  value: string | boolean;
  endpoint?: ZipkinEndpoint;
}

interface V1Span {
  traceId: string;
  id: string;
  originalId?: string;
  parentId?: string;
  name?: string;
  timestamp?: bigint;
  duration?: bigint;
  debug?: boolean;
  annotations: V1Annotation[];
  binaryAnnotations: V1BinaryAnnotation[];
}

/**
 * Zipkin v1 JSON (an array of v1 spans) to a batch, through Zipkin's v1 -> v2 conversion, so a v1 span holding both
 * sides of an RPC becomes a CLIENT and a `shared` SERVER span. Throws SB_MALFORMED when the body is not a JSON array;
 * unusable spans are dropped and reported in the result.
 */
export function decodeZipkinV1Json(body: Buffer | string, options?: ZipkinDecodeOptions): ZipkinDecodeResult {
  const json = parseJsonBody(body);
  if (!Array.isArray(json)) throw new PipelineError('SB_MALFORMED', `body must be a JSON array of Zipkin v1 spans, not ${json === null ? 'null' : typeof json}`);
  return buildDecodeResult(json, (raw, where) => convertV1Span(readV1JsonSpan(raw, where)), options);
}

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
 * One element of a v1 JSON span list. Binary annotation values are strings; booleans are kept for the address keys
 * and stringified otherwise, numbers are stringified. Throws SB_MALFORMED naming the field when the span cannot be
 * used.
 */
function readV1JsonSpan(raw: unknown, where: string): V1Span {
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
    const value = typeof v === 'string' || typeof v === 'boolean' ? v : v === undefined || v === null ? '' : nonStringTagText(v, at, 'value');
    const endpoint = readJsonEndpoint(bo.endpoint, at, 'endpoint');
    return endpoint ? { key, value, endpoint } : { key, value };
  });
  return span;
}

const CORE: ReadonlySet<string> = new Set(['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr']);
const ADDRESS_KEYS: ReadonlySet<string> = new Set(['ca', 'sa', 'ma']);

function sameService(a: ZipkinEndpoint | undefined, b: ZipkinEndpoint | undefined): boolean {
  return (a?.serviceName ?? '') === (b?.serviceName ?? '');
}

function sameEndpoint(a: ZipkinEndpoint, b: ZipkinEndpoint | undefined): boolean {
  return b !== undefined && a.serviceName === b.serviceName && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.port === b.port;
}

/**
 * One v1 span as the v2 spans it holds: one per distinct local service (rule 1), kinds and timing from the core
 * annotations of endpoints (rules 2-8), address annotations as endpoints and other binary annotations as tags (rules
 * 9-10). Core annotations without an endpoint are left as annotations (applyCoreAnnotations reads them later).
 */
function convertV1Span(source: V1Span): ZipkinSpan[] {
  const newSpan = (endpoint?: ZipkinEndpoint): ZipkinSpan => {
    const s: ZipkinSpan = { traceId: source.traceId, id: source.id, annotations: [], tags: new Map() };
    if (source.parentId !== undefined) s.parentId = source.parentId;
    if (source.originalId !== undefined) s.originalId = source.originalId;
    if (source.name !== undefined) s.name = source.name;
    if (source.debug) s.debug = true;
    if (endpoint) s.localEndpoint = endpoint;
    return s;
  };
  const first = newSpan();
  const spans = [first];
  // Rule 1: the first endpoint seen owns the first span; data without an endpoint goes to the first span.
  const forEndpoint = (e: ZipkinEndpoint | undefined): ZipkinSpan => {
    if (!e) return first;
    for (const s of spans) {
      if (!s.localEndpoint) {
        s.localEndpoint = e;
        return s;
      }
      if (sameService(s.localEndpoint, e)) return s;
    }
    const s = newSpan(e);
    spans.push(s);
    return s;
  };
  const setTiming = (s: ZipkinSpan, timestamp: bigint | undefined, duration: bigint | undefined) => {
    if (timestamp !== undefined && timestamp > 0n) s.timestamp = timestamp;
    else delete s.timestamp;
    if (duration !== undefined && duration > 0n) s.duration = duration;
    else delete s.duration;
  };
  // The span's own timestamp/duration win when both are set; else the annotations give them.
  const timeFrom = (s: ZipkinSpan, begin: V1Annotation, end: V1Annotation | undefined) => {
    if (source.timestamp !== undefined && source.duration !== undefined) setTiming(s, source.timestamp, source.duration);
    else setTiming(s, begin.timestamp, end ? end.timestamp - begin.timestamp : undefined);
  };

  // Rule 2.
  const core: Partial<Record<string, V1Annotation>> = {};
  for (const a of source.annotations) {
    const s = forEndpoint(a.endpoint);
    if (a.endpoint && CORE.has(a.value)) {
      core[a.value] = a;
      if (a.value === 'cs' || a.value === 'cr') s.kind = 'CLIENT';
      else if (a.value === 'sr' || a.value === 'ss') s.kind = 'SERVER';
      else if (a.value === 'ms') s.kind = 'PRODUCER';
      else if (a.value === 'mr') s.kind = 'CONSUMER';
    } else {
      s.annotations.push({ timestamp: a.timestamp, value: a.value });
    }
  }
  let { cs, sr } = core;
  const { cr, ss, ms, mr, ws, wr } = core;
  // Rule 3: a missing start annotation is implied when the end one sits exactly at timestamp + duration.
  const reflectsSpan = (end: V1Annotation | undefined) => end !== undefined && source.timestamp !== undefined && source.duration !== undefined && source.timestamp + source.duration === end.timestamp;
  if (!cs && cr && reflectsSpan(cr)) cs = { timestamp: source.timestamp ?? 0n, value: 'cs', ...(cr.endpoint ? { endpoint: cr.endpoint } : {}) };
  if (!sr && ss && reflectsSpan(ss)) sr = { timestamp: source.timestamp ?? 0n, value: 'sr', ...(ss.endpoint ? { endpoint: ss.endpoint } : {}) };

  let server: ZipkinSpan | undefined;
  let client: ZipkinSpan | undefined;
  if (cs && sr) {
    // Rule 4: a shared v1 span; the client owns the span's timing, the server half is `shared`.
    client = forEndpoint(cs.endpoint);
    timeFrom(client, cs, cr);
    if (sameService(cs.endpoint, sr.endpoint)) {
      client.kind = 'CLIENT';
      server = newSpan(sr.endpoint);
      server.kind = 'SERVER';
      spans.push(server);
    } else {
      server = forEndpoint(sr.endpoint);
    }
    server.shared = true;
    setTiming(server, sr.timestamp, ss ? ss.timestamp - sr.timestamp : undefined);
    if (!cr && source.duration === undefined) delete client.duration;
  } else if (cs && cr) {
    // Rule 5.
    client = forEndpoint(cs.endpoint);
    timeFrom(client, cs, cr);
  } else if (sr && ss) {
    server = forEndpoint(sr.endpoint);
    timeFrom(server, sr, ss);
  } else {
    // Rule 6: an incomplete RPC; the unmatched end annotation stays an annotation.
    for (const [start, end] of [[cs, cr], [sr, ss]] as const) {
      if (start) timeFrom(forEndpoint(start.endpoint), start, undefined);
      else if (end) forEndpoint(end.endpoint).annotations.push({ timestamp: end.timestamp, value: end.value });
    }
    if (cs || cr) client = forEndpoint((cs ?? cr)?.endpoint);
    if (sr || ss) server = forEndpoint((sr ?? ss)?.endpoint);
  }
  // Rule 7: v1 marked the server half of a shared span by leaving out its timestamp (or duration).
  if (!cs && sr && (source.timestamp === undefined || (ss && source.duration === undefined))) forEndpoint(sr.endpoint).shared = true;

  // Rule 8: messaging.
  let producer: ZipkinSpan | undefined;
  let consumer: ZipkinSpan | undefined;
  if (ms && mr) {
    producer = forEndpoint(ms.endpoint);
    if (sameService(ms.endpoint, mr.endpoint)) {
      producer.kind = 'PRODUCER';
      consumer = newSpan(mr.endpoint);
      consumer.kind = 'CONSUMER';
      spans.push(consumer);
    } else {
      consumer = forEndpoint(mr.endpoint);
    }
    consumer.shared = true;
    setTiming(consumer, wr ? wr.timestamp : mr.timestamp, wr ? mr.timestamp - wr.timestamp : undefined);
    setTiming(producer, ms.timestamp, ws ? ws.timestamp - ms.timestamp : undefined);
  } else if (ms) {
    producer = forEndpoint(ms.endpoint);
    timeFrom(producer, ms, ws);
  } else if (mr) {
    consumer = forEndpoint(mr.endpoint);
    if (wr) timeFrom(consumer, wr, mr);
    else timeFrom(consumer, mr, undefined);
  } else {
    if (ws) forEndpoint(ws.endpoint).annotations.push({ timestamp: ws.timestamp, value: ws.value });
    if (wr) forEndpoint(wr.endpoint).annotations.push({ timestamp: wr.timestamp, value: wr.value });
  }
  // A span with no start annotation (local spans, incomplete RPCs) keeps the v1 span's own timing.
  if (!cs && !sr && !ms && !mr) setTiming(first, source.timestamp, source.duration);

  // Rules 9-10: binary annotations.
  const address: Partial<Record<string, ZipkinEndpoint>> = {};
  for (const b of source.binaryAnnotations) {
    const isAddress = ADDRESS_KEYS.has(b.key) && (b.value === true || b.value === 'true' || b.value === '1');
    if (isAddress) {
      if (b.endpoint) address[b.key] = b.endpoint;
      continue;
    }
    if (b.key === 'lc' && b.value === '') continue;
    forEndpoint(b.endpoint).tags.set(b.key, typeof b.value === 'boolean' ? String(b.value) : b.value);
  }
  let { ca } = address;
  const { sa, ma } = address;
  if (!cs && !cr && !sr && !ss && (ca || sa)) {
    if (ca && sa) forEndpoint(ca).remoteEndpoint = sa;
    else if (sa) first.remoteEndpoint = sa;
    else if (ca) {
      first.kind = 'SERVER';
      first.remoteEndpoint = ca;
    }
  } else {
    if (ca && server && !sameEndpoint(ca, server.localEndpoint)) {
      // Finagle's `ca` repeats the server's service name for the client socket; drop it to avoid a loopback link.
      if (sameService(ca, server.localEndpoint)) {
        ca = { ...ca };
        delete ca.serviceName;
      }
      if (Object.keys(ca).length > 0) server.remoteEndpoint = ca;
    }
    if (sa && client && !sameEndpoint(sa, client.localEndpoint)) client.remoteEndpoint = sa;
  }
  if (ma) {
    if (producer) producer.remoteEndpoint = ma;
    if (consumer) consumer.remoteEndpoint = ma;
  }
  return spans;
}
