// A fixed set of traces for the search cases, and an oracle that answers a TraceQuery over it by the rules in
// store.ts, for comparing a store's answers against.
import { anyValueToString } from '../../../src/model/attributes.js';
import { SpanKind, StatusCode } from '../../../src/model/span.js';
import type { TraceBatch } from '../../../src/model/span.js';
import type { TraceQuery } from '../../../src/store/store.js';
import { testBatch, type TestSpanSpec } from '../testSpans.js';
import { MINUTE, MS, T0, spanIdOf, traceIdOf } from './conformanceKit.js';

export const DATASET_TRACES = 36;
/** Traces 30..35 all start at this time, to test ordering and paging among equal starts. */
export const TIED_START = T0 + 40n * MINUTE;

export function traceStart(i: number): bigint {
  return i >= 30 ? TIED_START : T0 + BigInt(i) * MINUTE;
}

/** Trace i: frontend SERVER root -> frontend CLIENT -> cart SERVER; every third also a long payment SERVER span. */
export function datasetSpans(): TestSpanSpec[] {
  const out: TestSpanSpec[] = [];
  for (let i = 0; i < DATASET_TRACES; i++) {
    const traceId = traceIdOf(1000 + i);
    const t = traceStart(i);
    const env = { 'deployment.environment': i < 20 ? 'prod' : 'staging' };
    const failed = i % 5 === 0;
    out.push(
      {
        service: 'frontend', resourceAttributes: env, traceId, spanId: spanIdOf(1), name: i % 2 === 0 ? 'GET /cart' : 'POST /checkout', kind: SpanKind.SERVER,
        startNanos: t, durationNanos: BigInt(10 + i) * MS, status: failed ? StatusCode.ERROR : StatusCode.UNSET,
        attributes: { 'http.request.method': i % 2 === 0 ? 'GET' : 'POST', 'http.response.status_code': failed ? 500n : 200n, 'user.id': `u${i % 4}` },
      },
      {
        service: 'frontend', resourceAttributes: env, traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'GET', kind: SpanKind.CLIENT,
        startNanos: t + MS, durationNanos: BigInt(6 + (i % 7)) * MS, attributes: { 'peer.service': 'cart' },
      },
      {
        service: 'cart', resourceAttributes: env, traceId, spanId: spanIdOf(3), parentSpanId: spanIdOf(2), name: 'GET /items', kind: SpanKind.SERVER,
        startNanos: t + 2n * MS, durationNanos: BigInt(5 + (i % 7)) * MS, attributes: { 'cart.items': BigInt(i % 3), 'cart.express': i % 2 === 0, 'ratio': i / 4 },
      },
    );
    if (i % 3 === 0) {
      out.push({
        service: 'payment', resourceAttributes: env, traceId, spanId: spanIdOf(4), parentSpanId: spanIdOf(1), name: 'charge', kind: SpanKind.SERVER,
        startNanos: t + 3n * MS, durationNanos: BigInt(200 + i) * MS, attributes: { 'payment.method': i % 2 === 0 ? 'card' : 'paypal' },
      });
    }
  }
  return out;
}

export function datasetBatch(): TraceBatch {
  return testBatch(datasetSpans());
}

/** The trace ids a query must return, in order, by the rules of TraceQuery (ignoring limit and cursor). */
export function expectedTraceIds(q: TraceQuery): string[] {
  const byTrace = new Map<string, TestSpanSpec[]>();
  for (const s of datasetSpans()) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
  const matches: { id: string; start: bigint }[] = [];
  for (const [id, spans] of byTrace) {
    const start = spans.reduce((m, s) => (s.startNanos < m ? s.startNanos : m), spans[0]?.startNanos ?? 0n);
    if (q.startTimeMin !== undefined && start < q.startTimeMin) continue;
    if (q.startTimeMax !== undefined && start > q.startTimeMax) continue;
    if (spans.some((s) => spanMatches(s, q))) matches.push({ id, start });
  }
  matches.sort((a, b) => (a.start !== b.start ? (a.start > b.start ? -1 : 1) : a.id > b.id ? -1 : 1));
  return matches.map((m) => m.id);
}

function spanMatches(s: TestSpanSpec, q: TraceQuery): boolean {
  if (q.service !== undefined && s.service !== q.service) return false;
  if (q.operation !== undefined && s.name !== q.operation) return false;
  if (q.spanKind !== undefined && s.kind !== q.spanKind) return false;
  if (q.minDurationNanos !== undefined && s.durationNanos < q.minDurationNanos) return false;
  if (q.maxDurationNanos !== undefined && s.durationNanos > q.maxDurationNanos) return false;
  const text = new Map<string, string>([['service.name', s.service], ...Object.entries(s.resourceAttributes ?? {})]);
  for (const [k, v] of Object.entries(s.attributes ?? {})) text.set(k, anyValueToString(v));
  return (q.attributes ?? []).every((f) => {
    const v = text.get(f.key);
    if (v === undefined) return false;
    if (f.op === 'exists') return true;
    if (f.op === 'equals') return v === f.value;
    return new RegExp(f.value ?? '').test(v);
  });
}
