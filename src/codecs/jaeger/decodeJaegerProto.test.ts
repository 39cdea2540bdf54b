import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { decodeJaegerPostSpans } from './decodeJaegerProto.js';
import { PostSpansRequestType } from './jaegerProto.js';

const hex = (h: string) => Buffer.from(h, 'hex');

function encode(request: Record<string, unknown>): Uint8Array {
  return PostSpansRequestType.encode(PostSpansRequestType.fromObject(request)).finish();
}

void describe('Jaeger api_v2 protobuf decoding', () => {
  void test('a PostSpansRequest: bytes ids, Timestamp/Duration, typed tags, references and per-span processes', () => {
    const decoded = decodeJaegerPostSpans(
      encode({
        batch: {
          process: { serviceName: 'api', tags: [{ key: 'region', vStr: 'eu' }] },
          spans: [
            {
              traceId: hex('0102030405060708090a0b0c0d0e0f10'),
              spanId: hex('1112131415161718'),
              operationName: 'GET /',
              references: [{ traceId: hex('0102030405060708090a0b0c0d0e0f10'), spanId: hex('2122232425262728'), refType: 'CHILD_OF' }],
              flags: 1,
              startTime: { seconds: 1_700_000_000, nanos: 5 },
              duration: { seconds: 1, nanos: 250 },
              tags: [
                { key: 'b', vType: 'BOOL', vBool: true },
                { key: 'i', vType: 'INT64', vInt64: '-9007199254740993' },
                { key: 'f', vType: 'FLOAT64', vFloat64: 2.5 },
                { key: 'x', vType: 'BINARY', vBinary: hex('ff00') },
              ],
              logs: [{ timestamp: { seconds: 1_700_000_000, nanos: 7 }, fields: [{ key: 'event', vStr: 'e' }] }],
            },
            { traceId: hex('0000000000000000aaaaaaaaaaaaaaaa'), spanId: hex('0000000000000001'), process: { serviceName: 'worker' } },
            { traceId: hex('aaaaaaaaaaaaaaaa'), spanId: hex('0000000000000002') },
          ],
        },
      }),
    );
    assert.deepEqual(decoded.process, { serviceName: 'api', tags: [{ key: 'region', value: 'eu' }] });
    const [a, b, c] = decoded.spans;
    assert.ok(a && b && c);
    assert.equal(a.traceId, '0102030405060708090a0b0c0d0e0f10');
    assert.equal(a.spanId, '1112131415161718');
    assert.equal(a.parentSpanId, '', 'protobuf spans name their parent by reference');
    assert.deepEqual(a.references, [{ refType: 'CHILD_OF', traceId: '0102030405060708090a0b0c0d0e0f10', spanId: '2122232425262728' }]);
    assert.equal(a.startTimeUnixNano, 1_700_000_000_000_000_005n);
    assert.equal(a.durationNanos, 1_000_000_250n);
    assert.deepEqual(a.tags, [
      { key: 'b', value: true },
      { key: 'i', value: -9_007_199_254_740_993n },
      { key: 'f', value: 2.5 },
      { key: 'x', value: Uint8Array.from([0xff, 0]) },
    ]);
    assert.deepEqual(a.logs, [{ timeUnixNano: 1_700_000_000_000_000_007n, fields: [{ key: 'event', value: 'e' }] }]);
    assert.deepEqual(b.process, { serviceName: 'worker', tags: [] });
    assert.equal(c.traceId, '0000000000000000aaaaaaaaaaaaaaaa', 'an 8-byte trace id is a 64-bit one, left-padded');
  });

  void test('bytes that are not a PostSpansRequest are refused', () => {
    assert.throws(
      () => decodeJaegerPostSpans(Buffer.from([0x0a, 0xff, 0xff, 0x01])),
      (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && /^body is not a Jaeger api_v2 PostSpansRequest/.test(e.message),
    );
  });
});
