// Zipkin v1 -> v2 conversion, following the rules of Zipkin's converter as restated in specs/zipkin-mesh.md section
// 1.3 (rule numbers below refer to that list).
import type { V1Annotation, V1Span } from './zipkinV1Span.js';
import type { ZipkinEndpoint, ZipkinSpan } from './zipkinSpan.js';

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
export function convertV1Span(source: V1Span): ZipkinSpan[] {
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
