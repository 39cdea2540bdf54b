import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PipelineError } from '../errors.js';
import { SpanKind } from '../model/span.js';
import type { Span, SpanKind as SpanKindType, StatusCode } from '../model/span.js';
import { testBatch, testSpan } from '../../test/store/testSpans.js';
import { checkBatch } from './checkBatch.js';

const TRACE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const SPAN = 'b1c2d3e4f5061728';
const good = (): Span => testSpan({ service: 's', traceId: TRACE, spanId: SPAN, name: 'op', kind: SpanKind.SERVER, startNanos: 1n, durationNanos: 1n, links: [{ traceId: '0'.repeat(32), spanId: '0'.repeat(16) }] });

/** The SB_MALFORMED message for a batch of one good span and `bad` (at spans[1]), or undefined when accepted. */
function problem(bad: Partial<Span>): string | undefined {
  const batch = testBatch([{ service: 's', traceId: TRACE, spanId: SPAN, name: 'op', kind: SpanKind.SERVER, startNanos: 1n, durationNanos: 1n }]);
  batch.resourceSpans[0]?.scopeSpans[0]?.spans.push({ ...good(), ...bad });
  try {
    checkBatch(batch);
    return undefined;
  } catch (e) {
    assert.ok(e instanceof PipelineError && e.code === 'SB_MALFORMED', String(e));
    return e.message;
  }
}

test('valid spans pass, all-zero link ids included', () => {
  assert.equal(problem({}), undefined);
  assert.equal(problem({ parentSpanId: '0123456789abcdef' }), undefined);
});

test('bad ids, kinds and status codes are refused, naming the span and the field', () => {
  const at = 'resourceSpans[0].scopeSpans[0].spans[1]';
  assert.equal(problem({ traceId: TRACE.toUpperCase() }), `${at}.traceId: "${TRACE.toUpperCase()}" is not 32 lower-case hex digits (and not all zero)`);
  assert.match(problem({ traceId: '0'.repeat(32) }) ?? '', /\.traceId: .* \(and not all zero\)$/);
  assert.match(problem({ traceId: TRACE.slice(1) }) ?? '', /\.traceId:/);
  assert.match(problem({ traceId: `${TRACE.slice(1)}g` }) ?? '', /\.traceId:/);
  assert.equal(problem({ spanId: '0'.repeat(16) }), `${at}.spanId: "0000000000000000" is not 16 lower-case hex digits (and not all zero)`);
  assert.match(problem({ spanId: 'b1c2d3e4f506172' }) ?? '', /\.spanId:/);
  assert.equal(problem({ parentSpanId: 'xyz' }), `${at}.parentSpanId: "xyz" is not 16 lower-case hex digits`);
  assert.match(problem({ parentSpanId: '0'.repeat(16) }) ?? '', /\.parentSpanId:/);
  assert.equal(problem({ kind: 6 as SpanKindType }), `${at}.kind: 6 is not a span kind (0-5)`);
  assert.match(problem({ kind: 1.5 as SpanKindType }) ?? '', /\.kind: 1\.5/);
  assert.match(problem({ kind: -1 as SpanKindType }) ?? '', /\.kind: -1/);
  assert.equal(problem({ status: { code: 3 as StatusCode, message: '' } }), `${at}.status.code: 3 is not a status code (0-2)`);
  assert.match(problem({ status: { code: Number.NaN as StatusCode, message: '' } }) ?? '', /\.status\.code: NaN/);
  const link = good().links[0] as Span['links'][number];
  assert.equal(problem({ links: [link, { ...link, spanId: 'ABCDEF0123456789' }] }), `${at}.links[1]: ids must be 32 and 16 lower-case hex digits`);
  assert.match(problem({ links: [{ ...link, traceId: 'a'.repeat(31) }] }) ?? '', /\.links\[0\]:/);
});
