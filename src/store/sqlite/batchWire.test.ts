import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { canonicalText } from '../../../test/store/conformance/conformanceKit.js';
import { SpanKind, type TraceBatch } from '../../model/span.js';
import { testBatch } from '../../../test/store/testSpans.js';
import { BatchWireDecoder, BatchWireEncoder, MAX_DICTIONARY_KEYS } from './batchWire.js';

const span = (traceId: string, attributes: Record<string, string>) =>
  testBatch([{ service: 'svc', traceId, spanId: '00000000000000a1', name: 'op', kind: SpanKind.SERVER, startNanos: 10n, durationNanos: 5n, attributes }]);

void describe('batch wire', () => {
  void test('batches arrive as they were, every model case kept, in messages alone in their buffers', () => {
    const encoder = new BatchWireEncoder();
    const decoder = new BatchWireDecoder();
    fc.assert(
      fc.property(arbitraryTraceBatch(), (batch) => {
        const { bytes, spans } = encoder.encode(batch);
        assert.equal(bytes.byteOffset, 0);
        assert.equal(bytes.buffer.byteLength, bytes.byteLength, 'the whole buffer can be transferred');
        assert.equal(spans, batch.resourceSpans.reduce((n, rs) => n + rs.scopeSpans.reduce((m, ss) => m + ss.spans.length, 0), 0));
        assert.equal(canonicalText(decoder.decode(bytes)), canonicalText(batch));
      }),
      { numRuns: 200 },
    );
  });

  void test('a key is spelled out once, then sent as a number', () => {
    const encoder = new BatchWireEncoder();
    const first = encoder.encode(span('a1'.repeat(16), { 'http.request.method': 'GET' })).bytes;
    const second = encoder.encode(span('a1'.repeat(16), { 'http.request.method': 'GET' })).bytes;
    assert.ok(Buffer.from(first).includes('http.request.method'));
    assert.ok(!Buffer.from(second).includes('http.request.method'));
    const decoder = new BatchWireDecoder();
    assert.equal(decoder.decode(first).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.get('http.request.method'), 'GET');
    assert.equal(decoder.decode(second).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.get('http.request.method'), 'GET');
  });

  void test('a message taken back leaves no key behind; a decoder that missed messages fails until both restart', () => {
    const encoder = new BatchWireEncoder();
    const decoder = new BatchWireDecoder();
    decoder.decode(encoder.encode(span('b1'.repeat(16), { a: '1' })).bytes);
    encoder.encode(span('b1'.repeat(16), { lost: '1' }));
    encoder.rollback();
    const after: TraceBatch = decoder.decode(encoder.encode(span('b1'.repeat(16), { lost: '2', a: '3' })).bytes);
    assert.deepEqual([...(after.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes ?? [])], [['lost', '2'], ['a', '3']]);
    // A message the decoder never sees (and that was not taken back) leaves it without a key.
    encoder.encode(span('b1'.repeat(16), { unseen: '1' }));
    assert.throws(() => decoder.decode(encoder.encode(span('b1'.repeat(16), { unseen: '2' })).bytes), /never defined/);
    encoder.restart();
    const restarted = decoder.decode(encoder.encode(span('b1'.repeat(16), { unseen: '3' })).bytes);
    assert.equal(restarted.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.get('unseen'), '3');
  });

  void test('past the dictionary bound, new keys travel as text every time', () => {
    const encoder = new BatchWireEncoder();
    const decoder = new BatchWireDecoder();
    const many = Object.fromEntries(Array.from({ length: MAX_DICTIONARY_KEYS }, (_, i) => [`k${i}`, 'v']));
    decoder.decode(encoder.encode(span('c1'.repeat(16), many)).bytes);
    for (let i = 0; i < 2; i++) {
      const bytes = encoder.encode(span('c1'.repeat(16), { beyond: String(i) })).bytes;
      assert.ok(Buffer.from(bytes).includes('beyond'));
      assert.equal(decoder.decode(bytes).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.get('beyond'), String(i));
    }
  });
});
