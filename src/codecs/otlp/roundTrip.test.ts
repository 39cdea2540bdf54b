import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { decodeOtlpJson } from './decodeOtlpJson.js';
import { decodeOtlpProto } from './decodeOtlpProto.js';
import { encodeOtlpJson } from './encodeOtlpJson.js';
import { encodeOtlpProto } from './encodeOtlpProto.js';

// deepStrictEqual compares with Object.is, so -0 vs 0, NaN, bigint vs number (int64 vs double) and
// Uint8Array contents all count.
void describe('OTLP codec round trips (property-based)', () => {
  void test('model -> protobuf -> model is lossless', () => {
    fc.assert(
      fc.property(arbitraryTraceBatch(), (batch) => {
        assert.deepStrictEqual(decodeOtlpProto(encodeOtlpProto(batch)), batch);
      }),
      { numRuns: 300 },
    );
  });

  void test('model -> JSON -> model is lossless', () => {
    fc.assert(
      fc.property(arbitraryTraceBatch(), (batch) => {
        assert.deepStrictEqual(decodeOtlpJson(encodeOtlpJson(batch)), batch);
      }),
      { numRuns: 300 },
    );
  });

  void test('protobuf -> JSON -> protobuf gives the same bytes', () => {
    fc.assert(
      fc.property(arbitraryTraceBatch(), (batch) => {
        const proto = encodeOtlpProto(batch);
        const viaJson = encodeOtlpProto(decodeOtlpJson(encodeOtlpJson(decodeOtlpProto(proto))));
        assert.deepStrictEqual(Buffer.from(viaJson), Buffer.from(proto));
      }),
      { numRuns: 300 },
    );
  });

  void test('JSON output is plain JSON that JSON.parse accepts', () => {
    fc.assert(
      fc.property(arbitraryTraceBatch(), (batch) => {
        const parsed = JSON.parse(encodeOtlpJson(batch)) as { resourceSpans: unknown[] };
        assert.equal(parsed.resourceSpans.length, batch.resourceSpans.length);
      }),
      { numRuns: 100 },
    );
  });
});
