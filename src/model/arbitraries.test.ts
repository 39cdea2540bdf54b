import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryAnyValue, arbitrarySpan, arbitraryTraceBatch } from '../../test/model/arbitraries.js';
import { forEachSpan } from './batch.js';
import { isValidSpanId, isValidTraceId } from './ids.js';
import type { AnyValue } from './span.js';

function valueCase(v: AnyValue): string {
  if (v === null) return 'empty';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : Number.isInteger(v) ? 'integral double' : 'double';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'kvlist';
  return typeof v;
}

void describe('model arbitraries', () => {
  void test('AnyValue covers every case, including -0, NaN and integral doubles', () => {
    const seen = new Set(fc.sample(arbitraryAnyValue(), { numRuns: 3000, seed: 1 }).map(valueCase));
    for (const c of ['string', 'boolean', 'bigint', 'double', 'integral double', '-0', 'NaN', 'bytes', 'empty', 'array', 'kvlist']) assert.ok(seen.has(c), `no ${c} generated`);
  });

  void test('spans are valid: ids, parent, time order, kinds, status codes, uint32 counts', () => {
    fc.assert(
      fc.property(arbitrarySpan(), (s) => {
        assert.ok(isValidTraceId(s.traceId) && isValidSpanId(s.spanId));
        assert.ok(s.parentSpanId === '' || isValidSpanId(s.parentSpanId));
        assert.ok(s.startTimeUnixNano >= 0n && s.endTimeUnixNano >= s.startTimeUnixNano && s.endTimeUnixNano < 1n << 64n);
        assert.ok(s.kind >= 0 && s.kind <= 5 && s.status.code >= 0 && s.status.code <= 2);
        for (const n of [s.flags, s.droppedAttributesCount, s.droppedEventsCount, s.droppedLinksCount]) assert.ok(Number.isInteger(n) && n >= 0 && n <= 0xffffffff);
        for (const l of s.links) assert.ok(isValidTraceId(l.traceId) && isValidSpanId(l.spanId));
      }),
      { numRuns: 200 },
    );
  });

  void test('batches reach times beyond 2^53 and hold spans at every level', () => {
    let beyond = false;
    let spans = 0;
    for (const b of fc.sample(arbitraryTraceBatch(), { numRuns: 200, seed: 7 })) {
      forEachSpan(b, (s) => {
        spans++;
        if (s.startTimeUnixNano > 2n ** 53n) beyond = true;
      });
    }
    assert.ok(beyond, 'no time beyond 2^53');
    assert.ok(spans > 100, `only ${spans} spans in 200 batches`);
  });

  void test('sizes can be bounded', () => {
    for (const b of fc.sample(arbitraryTraceBatch({ maxResourceSpans: 1, maxScopeSpans: 1, maxSpans: 2 }), { numRuns: 50 })) {
      assert.ok(b.resourceSpans.length <= 1);
      for (const rs of b.resourceSpans) for (const ss of rs.scopeSpans) assert.ok(ss.spans.length <= 2);
    }
  });
});
