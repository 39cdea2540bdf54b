import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { decodeOtlpProto, decodeOtlpProtoLimited } from './decodeOtlpProto.js';
import { encodeOtlpProto } from './encodeOtlpProto.js';
import { ExportTraceServiceRequestType } from './otlpProto.js';
import { MAX_I64, MAX_U64, edgeCaseBatch, edgeCaseSpan } from '../../../test/codecs/otlp/testBatches.js';

const ids = { traceId: Buffer.alloc(16, 1), spanId: Buffer.alloc(8, 2) };

/** A request whose span at resourceSpans[0].scopeSpans[1].spans[2] is `span`, written with protobufjs directly. */
function rawRequest(span: Record<string, unknown>): Uint8Array {
  return ExportTraceServiceRequestType.encode({ resourceSpans: [{ scopeSpans: [{}, { spans: [ids, ids, span] }] }] }).finish();
}

/** A length-delimited field (wire type 2) around `body`. */
function lengthDelimited(fieldNumber: number, body: Uint8Array): Buffer {
  const varint: number[] = [];
  for (let n = body.length; ; n >>>= 7) {
    if (n < 0x80) {
      varint.push(n);
      break;
    }
    varint.push((n & 0x7f) | 0x80);
  }
  return Buffer.concat([Buffer.from([(fieldNumber << 3) | 2, ...varint]), body]);
}

function malformed(message: RegExp): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof PipelineError, `expected a PipelineError, got ${String(e)}`);
    assert.equal(e.code, 'SB_MALFORMED');
    assert.match(e.message, message);
    return true;
  };
}

function rawSpanIds(): Buffer {
  return Buffer.concat([lengthDelimited(1, ids.traceId), lengthDelimited(2, ids.spanId)]);
}

void describe('decodeOtlpProto', () => {
  void test('keeps every edge case exactly (times beyond 2^53, int64 extremes, -0, NaN, empty value, nested kvlist)', () => {
    const batch = edgeCaseBatch();
    const back = decodeOtlpProto(encodeOtlpProto(batch));
    assert.deepStrictEqual(back, batch);
    const span = back.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    assert.equal(span?.startTimeUnixNano, MAX_I64);
    assert.equal(span?.endTimeUnixNano, MAX_U64);
    assert.ok(Object.is(span?.attributes.get('double.negzero'), -0));
    assert.ok(Number.isNaN(span?.attributes.get('double.nan')));
    assert.equal(typeof span?.attributes.get('double.integral'), 'number', '3.0 stays a double');
    assert.equal(span?.attributes.get('empty'), null);
  });

  void test('an empty body is an empty batch', () => {
    assert.deepStrictEqual(decodeOtlpProto(new Uint8Array(0)), { resourceSpans: [] });
  });

  void test('missing resource, scope and status read as empty ones', () => {
    const batch = decodeOtlpProto(rawRequest({ ...ids }));
    const rs = batch.resourceSpans[0];
    assert.deepStrictEqual(rs?.resource, { attributes: new Map(), droppedAttributesCount: 0 });
    assert.deepStrictEqual(rs?.scopeSpans[1]?.scope, { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 });
    assert.deepStrictEqual(rs?.scopeSpans[1]?.spans[2]?.status, { code: 0, message: '' });
    assert.equal(rs?.scopeSpans[1]?.spans[2]?.parentSpanId, '');
  });

  void test('an all-zero parent span id means a root span', () => {
    const span = decodeOtlpProto(rawRequest({ ...ids, parentSpanId: Buffer.alloc(8) })).resourceSpans[0]?.scopeSpans[1]?.spans[2];
    assert.equal(span?.parentSpanId, '');
  });

  void test('a trace id of the wrong length is refused with its path', () => {
    assert.throws(() => decodeOtlpProto(rawRequest({ ...ids, traceId: Buffer.alloc(5, 1) })), malformed(/^resourceSpans\[0\]\.scopeSpans\[1\]\.spans\[2\]\.traceId: expected 16 bytes, got 5$/));
    assert.throws(() => decodeOtlpProto(rawRequest({ spanId: ids.spanId })), malformed(/spans\[2\]\.traceId: expected 16 bytes, got 0/));
  });

  void test('span, parent and link ids of the wrong length are refused with their paths', () => {
    assert.throws(() => decodeOtlpProto(rawRequest({ traceId: ids.traceId, spanId: Buffer.alloc(9, 1) })), malformed(/spans\[2\]\.spanId: expected 8 bytes, got 9/));
    assert.throws(() => decodeOtlpProto(rawRequest({ ...ids, parentSpanId: Buffer.alloc(4, 1) })), malformed(/spans\[2\]\.parentSpanId: expected 8 bytes or none, got 4/));
    assert.throws(() => decodeOtlpProto(rawRequest({ ...ids, links: [{ ...ids }, { traceId: ids.traceId }] })), malformed(/spans\[2\]\.links\[1\]\.spanId: expected 8 bytes, got 0/));
  });

  void test('unknown span kinds and status codes are refused', () => {
    assert.throws(() => decodeOtlpProto(rawRequest({ ...ids, kind: 9 })), malformed(/spans\[2\]\.kind: unknown span kind 9/));
    assert.throws(() => decodeOtlpProto(rawRequest({ ...ids, status: { code: 7 } })), malformed(/spans\[2\]\.status\.code: unknown status code 7/));
  });

  void test('bytes that are not protobuf are refused, not thrown as plain errors', () => {
    assert.throws(() => decodeOtlpProto(Buffer.from('{"resourceSpans":[]}')), malformed(/not a valid OTLP ExportTraceServiceRequest protobuf/));
    const good = encodeOtlpProto(edgeCaseBatch());
    assert.throws(() => decodeOtlpProto(good.subarray(0, good.length - 3)), malformed(/protobuf/));
  });

  void test('values nested past the protobuf depth limit are refused', () => {
    // AnyValue.array_value = 5, ArrayValue.values = 1; KeyValue.value = 2; Span.attributes = 9.
    let value: Uint8Array = lengthDelimited(1, Buffer.from('x'));
    for (let i = 0; i < 120; i++) value = lengthDelimited(5, lengthDelimited(1, value));
    const span = Buffer.concat([rawSpanIds(), lengthDelimited(9, Buffer.concat([lengthDelimited(1, Buffer.from('deep')), lengthDelimited(2, value)]))]);
    const body = lengthDelimited(1, lengthDelimited(2, lengthDelimited(2, span)));
    assert.throws(() => decodeOtlpProto(body), malformed(/not a valid OTLP ExportTraceServiceRequest protobuf: max(imum)? (nesting )?depth exceeded/));
  });

  void test('bytes attributes do not alias the request body', () => {
    const body = Buffer.from(encodeOtlpProto({ resourceSpans: [{ resource: { attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [edgeCaseSpan()] }] }] }));
    const bytes = decodeOtlpProto(body).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.get('bytes') as Uint8Array;
    body.fill(0);
    assert.deepStrictEqual(bytes, new Uint8Array([0, 1, 254, 255]));
  });
});

describe('decodeOtlpProtoLimited', () => {
  test('keeps the first maxAttributes of each owner, skips the rest unread and adds them to its dropped count', () => {
    const kv = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: { intValue: i } }));
    const body = ExportTraceServiceRequestType.encode({
      resourceSpans: [{
        resource: { attributes: kv(5), droppedAttributesCount: 1 },
        scopeSpans: [{
          scope: { name: 's', attributes: kv(4) },
          spans: [{ ...ids, name: 'a', attributes: kv(10), droppedAttributesCount: 2, events: [{ name: 'e', attributes: kv(6) }], links: [{ ...ids, attributes: kv(3) }] }],
        }],
      }],
    }).finish();
    const { batch, droppedAttributes } = decodeOtlpProtoLimited(body, 3);
    const rs = batch.resourceSpans[0];
    const ss = rs?.scopeSpans[0];
    const span = ss?.spans[0];
    assert.deepEqual([...(rs?.resource.attributes.keys() ?? [])], ['k0', 'k1', 'k2']);
    assert.equal(rs?.resource.droppedAttributesCount, 1 + 2);
    assert.equal(ss?.scope.droppedAttributesCount, 1);
    assert.deepEqual([...(span?.attributes ?? [])], [['k0', 0n], ['k1', 1n], ['k2', 2n]]);
    assert.equal(span?.droppedAttributesCount, 2 + 7);
    assert.equal(span?.events[0]?.droppedAttributesCount, 3);
    assert.equal(span?.links[0]?.droppedAttributesCount, 0);
    assert.equal(droppedAttributes, 2 + 1 + 7 + 3);
    assert.deepEqual(decodeOtlpProto(body).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.size, 10, 'unlimited by default');
  });
});
