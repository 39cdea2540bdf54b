// Test support: a stable, readable JSON rendering of the model for golden files. Every AnyValue case stays visible
// (int64 as {"int": "25"}, double as {"double": 12.3}, bytes as {"bytes": base64}, kvlist as {"kvlist": {...}}), and
// times are decimal nanosecond strings so nothing beyond 2^53 is rounded.
import type { AnyValue, Attributes, Span, TraceBatch } from '../../../src/model/span.js';
import type { ZipkinDecodeResult } from '../../../src/codecs/zipkin/zipkinDecodeResult.js';

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const CODES = ['UNSET', 'OK', 'ERROR'];

function value(v: AnyValue): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return { double: Number.isFinite(v) ? v : String(v) };
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(value);
  return { kvlist: attributes(v) };
}

function attributes(a: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Defined, not assigned: a key named `__proto__` is then an entry, as JSON.parse makes it, not the prototype.
  for (const [k, v] of a) Object.defineProperty(out, k, { value: value(v), enumerable: true, writable: true, configurable: true });
  return out;
}

function span(s: Span): Record<string, unknown> {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    traceState: s.traceState,
    flags: s.flags,
    name: s.name,
    kind: KINDS[s.kind],
    startTimeUnixNano: s.startTimeUnixNano.toString(),
    endTimeUnixNano: s.endTimeUnixNano.toString(),
    attributes: attributes(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount,
    events: s.events.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: attributes(e.attributes), droppedAttributesCount: e.droppedAttributesCount })),
    droppedEventsCount: s.droppedEventsCount,
    links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState, attributes: attributes(l.attributes), droppedAttributesCount: l.droppedAttributesCount, flags: l.flags })),
    droppedLinksCount: s.droppedLinksCount,
    status: { code: CODES[s.status.code], message: s.status.message },
  };
}

/** The batch as plain JSON data. */
export function renderBatch(batch: TraceBatch): unknown {
  return batch.resourceSpans.map((rs) => ({
    resource: attributes(rs.resource.attributes),
    schemaUrl: rs.schemaUrl,
    scopeSpans: rs.scopeSpans.map((ss) => ({ scope: { name: ss.scope.name, version: ss.scope.version, attributes: attributes(ss.scope.attributes) }, schemaUrl: ss.schemaUrl, spans: ss.spans.map(span) })),
  }));
}

/** A decode result as plain JSON data: the batch, plus what was rejected and why. */
export function renderDecodeResult(r: ZipkinDecodeResult): unknown {
  return { rejected: r.rejected, problems: r.problems, resourceSpans: renderBatch(r.batch) };
}
