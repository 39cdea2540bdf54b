import type { AnyValue, Attributes, TraceBatch } from '../../../src/model/span.js';

/**
 * A batch as plain JSON for golden files (tests only): every value tagged with its type where JSON would lose it
 * (`{"int": "200"}` vs `{"double": 200}`, bytes, kvlists), times as decimal strings, attributes sorted by key.
 */
export function renderBatchForGolden(batch: TraceBatch): unknown {
  return batch.resourceSpans.map((rs) => ({
    resource: renderAttributes(rs.resource.attributes),
    scopeSpans: rs.scopeSpans.map((ss) => ({
      scope: { name: ss.scope.name, version: ss.scope.version },
      spans: ss.spans.map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId,
        name: s.name,
        kind: s.kind,
        start: s.startTimeUnixNano.toString(),
        end: s.endTimeUnixNano.toString(),
        status: s.status,
        attributes: renderAttributes(s.attributes),
        events: s.events.map((e) => ({ name: e.name, time: e.timeUnixNano.toString(), attributes: renderAttributes(e.attributes) })),
        links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: renderAttributes(l.attributes) })),
      })),
    })),
  }));
}

function renderAttributes(a: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...a.keys()].sort()) out[k] = renderValue(a.get(k) ?? null);
  return out;
}

function renderValue(v: AnyValue): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') return { double: Number.isFinite(v) ? v : String(v) };
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(renderValue);
  return { kvlist: renderAttributes(v) };
}
