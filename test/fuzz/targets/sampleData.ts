// Valid bodies the fuzz targets derive their inputs from, and model batches with hostile contents for the binary
// encodings (whose encoders cannot write a wrong type, but can write any string, depth or time).
import fc from 'fast-check';
import type { AnyValue, Attributes, TraceBatch } from '../../../src/model/span.js';
import { hostileString } from '../mutate.js';

const MAX_U64 = (1n << 64n) - 1n;

export function nowMicros(): number {
  return Date.now() * 1000;
}

/** A small valid trace as a model batch: a server span and its client child, with attributes of several types. */
export function sampleBatch(service = 'fuzz-sample', traceId = '4bf92f3577b34da6a3ce929d0e0e4736'): TraceBatch {
  const start = BigInt(Date.now()) * 1_000_000n;
  const attributes: Attributes = new Map<string, AnyValue>([['http.request.method', 'GET'], ['http.response.status_code', 200n], ['ratio', 0.5], ['ok', true], ['list', ['a', 1n]], ['map', new Map<string, AnyValue>([['k', 'v']])]]);
  return {
    resourceSpans: [{
      resource: { attributes: new Map([['service.name', service]]), droppedAttributesCount: 0 },
      schemaUrl: '',
      scopeSpans: [{
        scope: { name: 'fuzz', version: '1', attributes: new Map(), droppedAttributesCount: 0 },
        schemaUrl: '',
        spans: [
          { traceId, spanId: '00f067aa0ba902b7', parentSpanId: '', traceState: '', flags: 1, name: 'GET /', kind: 2, startTimeUnixNano: start, endTimeUnixNano: start + 5_000_000n, attributes, droppedAttributesCount: 0, events: [{ timeUnixNano: start + 1000n, name: 'ev', attributes: new Map([['a', 1n]]), droppedAttributesCount: 0 }], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0, message: '' } },
          { traceId, spanId: '00f067aa0ba902b8', parentSpanId: '00f067aa0ba902b7', traceState: '', flags: 1, name: 'SELECT', kind: 3, startTimeUnixNano: start + 1_000_000n, endTimeUnixNano: start + 2_000_000n, attributes: new Map([['peer.service', 'db']]), droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 2, message: 'boom' } },
        ],
      }],
    }],
  };
}

/** An attribute value nested `depth` kvlists deep. */
function nested(depth: number): AnyValue {
  let v: AnyValue = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? new Map([['a', v]]) : [v];
  return v;
}

/**
 * Model batches with hostile names, keys, values, nesting and times (for the binary encodings, whose encoders refuse
 * values nested past what protobuf can carry; deeper ones are deepOtlpRequest's).
 */
export const hostileBatch: fc.Arbitrary<TraceBatch> = fc
  .record({
    name: hostileString,
    service: hostileString,
    key: hostileString,
    value: hostileString,
    depth: fc.constantFrom(0, 10, 20, 28),
    start: fc.constantFrom(0n, 1n, MAX_U64, (1n << 63n) - 1n, 1n << 63n),
    end: fc.constantFrom(0n, MAX_U64, 5n),
  })
  .map(({ name, service, key, value, depth, start, end }) => {
    const batch = sampleBatch(service);
    const span = batch.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    if (span !== undefined) {
      span.name = name;
      span.attributes.set(key, value);
      span.attributes.set('deep', nested(depth));
      span.startTimeUnixNano = start;
      span.endTimeUnixNano = end;
    }
    return batch;
  });

/** Zipkin v2 JSON spans: a server span with tags and an annotation, and a shared client span. */
export function zipkinV2Spans(): unknown[] {
  const t = nowMicros();
  return [
    { traceId: '5f0d3e1a9b7c4d2e', id: '5f0d3e1a9b7c4d2e', name: 'get /', kind: 'SERVER', timestamp: t, duration: 1500, localEndpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 }, remoteEndpoint: { ipv4: '10.0.0.2' }, tags: { 'http.method': 'GET', 'http.status_code': '200', 'node_id': 'sidecar~10.0.0.1~fe.default~default.svc.cluster.local' }, annotations: [{ timestamp: t + 10, value: 'ev|{"a":1}|0' }] },
    { traceId: '5f0d3e1a9b7c4d2e', parentId: '5f0d3e1a9b7c4d2e', id: '6f0d3e1a9b7c4d2e', name: 'get /api', kind: 'CLIENT', timestamp: t + 100, duration: 800, shared: true, debug: false, localEndpoint: { serviceName: 'frontend' }, tags: { 'upstream_cluster': 'outbound|9080||reviews.default.svc.cluster.local', 'otlp.link.0': '5f0d3e1a9b7c4d2e5f0d3e1a9b7c4d2e|5f0d3e1a9b7c4d2e|x|{}|0' } },
  ];
}

/** Zipkin v1 JSON spans: an RPC with both sides' core annotations and binary annotations. */
export function zipkinV1Spans(): unknown[] {
  const t = nowMicros();
  const client = { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 };
  const server = { serviceName: 'backend', ipv4: '10.0.0.2', port: 9000 };
  return [
    {
      traceId: '7f0d3e1a9b7c4d2e', id: '7f0d3e1a9b7c4d2e', name: 'get', timestamp: t, duration: 2000,
      annotations: [{ timestamp: t, value: 'cs', endpoint: client }, { timestamp: t + 100, value: 'sr', endpoint: server }, { timestamp: t + 1900, value: 'ss', endpoint: server }, { timestamp: t + 2000, value: 'cr', endpoint: client }],
      binaryAnnotations: [{ key: 'http.path', value: '/api', endpoint: server }, { key: 'sa', value: true, endpoint: server }, { key: 'lc', value: '', endpoint: client }],
    },
  ];
}

/** An X-Ray segment with an embedded subsegment, as a parsed document. */
export function xraySegment(traceNumber = 1): Record<string, unknown> {
  const now = Date.now() / 1000;
  const traceId = `1-${Math.floor(now).toString(16)}-${traceNumber.toString(16).padStart(24, '0')}`;
  return {
    name: 'front', id: '70de5b6f19ff9a0a', trace_id: traceId, start_time: now - 1, end_time: now,
    http: { request: { method: 'GET', url: 'http://front/api', client_ip: '10.0.0.1' }, response: { status: 200, content_length: 12 } },
    aws: { operation: 'GetItem', region: 'eu-west-1', table_name: 'cart' },
    annotations: { tier: 'gold', n: 3 },
    metadata: { default: { a: [1, { b: 2 }] } },
    cause: { working_directory: '/srv', exceptions: [{ id: '0000000000000001', message: 'x', stack: [{ path: 'a.js', line: 1, label: 'f' }] }] },
    subsegments: [{ name: 'cart', id: '70de5b6f19ff9a0b', start_time: now - 0.5, end_time: now - 0.1, namespace: 'aws', sql: { url: 'jdbc:postgresql://db:5432/cart', database_type: 'PostgreSQL' } }],
  };
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A length-delimited protobuf field. */
function field(number: number, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([...varint((number << 3) | 2), ...varint(bytes.length)]), bytes]);
}

/**
 * An OTLP ExportTraceServiceRequest, written byte by byte, whose one span has an attribute nested `depth` kvlists deep:
 * deeper than protobuf decoders allow, which no encoder writes.
 */
export function deepOtlpRequest(depth: number): Buffer {
  let value = field(1, Buffer.from('leaf'));
  for (let i = 0; i < depth; i++) value = field(6, field(1, Buffer.concat([field(1, Buffer.from('a')), field(2, value)])));
  const span = Buffer.concat([field(1, Buffer.alloc(16, 0x4b)), field(2, Buffer.alloc(8, 0x0f)), field(5, Buffer.from('deep')), field(9, Buffer.concat([field(1, Buffer.from('deep')), field(2, value)]))]);
  return field(1, field(2, field(2, span)));
}
