import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeOtlpProto } from './encodeOtlpProto.js';
import { countOtlpProtoSpans } from './countOtlpProtoSpans.js';
import { testBatch } from '../../../test/store/testSpans.js';
import { SpanKind } from '../../model/span.js';

const spans = (n: number, services = 3) =>
  testBatch(Array.from({ length: n }, (_, i) => ({
    service: `svc${i % services}`, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: (i + 1).toString(16).padStart(16, '0'), name: 'op', kind: SpanKind.INTERNAL,
    startNanos: 1_700_000_000_000_000_000n, durationNanos: 1000n, attributes: { k: 'v', n: BigInt(i) },
  })));

test('counts the spans of every resource and scope on the wire, and stops past the limit', () => {
  const body = encodeOtlpProto(spans(250));
  assert.equal(countOtlpProtoSpans(body, 1000), 250);
  assert.equal(countOtlpProtoSpans(body, 250), 250);
  assert.equal(countOtlpProtoSpans(body, 100), 101);
  assert.equal(countOtlpProtoSpans(encodeOtlpProto(spans(0)), 10), 0);
});

test('a body that is not valid protobuf counts what was read before the fault, without throwing', () => {
  const body = encodeOtlpProto(spans(20, 1));
  assert.ok(countOtlpProtoSpans(body.subarray(0, body.length - 5), 100) <= 20);
  assert.equal(countOtlpProtoSpans(Buffer.from([0xff, 0xff, 0xff]), 100), 0);
  assert.equal(countOtlpProtoSpans(Buffer.from([0x0a, 0x7f, 0x12]), 100), 0, 'a length past the end');
});
