import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { encodeAgentMessage, encodeThriftBatch } from '../../../test/codecs/jaeger/writeThrift.js';
import { FIXTURES } from '../../../test/support/paths.js';
import { PipelineError } from '../../errors.js';
import { decodeJaegerAgentMessage, decodeJaegerThriftBatch } from './decodeJaegerThrift.js';

const BATCH = {
  process: { serviceName: 'svc', tags: [{ key: 'v', vType: 3, vLong: 9_007_199_254_740_993n }] },
  spans: [{ traceIdLow: -2n, traceIdHigh: 1n, spanId: -1n, parentSpanId: 5n, operationName: 'op', flags: 1, startTime: 1_700_000_000_000_000n, duration: 1500n, tags: [{ key: 'd', vType: 1, vDouble: 0.5 }, { key: 'unknown-type', vType: 9 }], logs: [{ timestamp: 1_700_000_000_000_100n, fields: [{ key: 'event', vType: 0, vStr: 'x' }] }], references: [{ refType: 1, traceIdLow: 3n, traceIdHigh: 0n, spanId: 4n }] }],
};

function malformed(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && message.test(e.message));
}

void describe('Jaeger Thrift decoding', () => {
  void test('i64 ids become the hex of their unsigned bits; micros become nanos; values keep 64-bit precision', () => {
    for (const decoded of [decodeJaegerThriftBatch(encodeThriftBatch(BATCH)), decodeJaegerAgentMessage(encodeAgentMessage(BATCH, 'compact'), 'compact'), decodeJaegerAgentMessage(encodeAgentMessage(BATCH, 'binary'), 'binary')]) {
      const s = decoded.spans[0];
      assert.ok(s);
      assert.equal(s.traceId, '0000000000000001fffffffffffffffe');
      assert.equal(s.spanId, 'ffffffffffffffff');
      assert.equal(s.parentSpanId, '0000000000000005');
      assert.equal(s.startTimeUnixNano, 1_700_000_000_000_000_000n);
      assert.equal(s.durationNanos, 1_500_000n);
      assert.deepEqual(s.references, [{ refType: 'FOLLOWS_FROM', traceId: '00000000000000000000000000000003', spanId: '0000000000000004' }]);
      assert.deepEqual(s.tags, [{ key: 'd', value: 0.5 }, { key: 'unknown-type', value: '<Unknown Jaeger TagType "9">' }]);
      assert.deepEqual(s.logs, [{ timeUnixNano: 1_700_000_000_000_100_000n, fields: [{ key: 'event', value: 'x' }] }]);
      assert.deepEqual(decoded.process, { serviceName: 'svc', tags: [{ key: 'v', value: 9_007_199_254_740_993n }] });
    }
  });

  void test('a cut body names where it ended; a missing required field is named', () => {
    const whole = encodeThriftBatch(BATCH);
    malformed(() => decodeJaegerThriftBatch(whole.subarray(0, whole.length - 30)), /^body is not a Jaeger Thrift Batch: batch\.spans\[0\]\.\S+: the body ends inside this value$/);
    malformed(() => decodeJaegerThriftBatch(encodeThriftBatch({ process: { serviceName: 's' } })), /^body is not a Jaeger Thrift Batch: batch\.spans: required field is missing$/);
    malformed(() => decodeJaegerThriftBatch(encodeThriftBatch({ process: { serviceName: 's' }, spans: [{ traceIdLow: 1n }] })), /batch\.spans\[0\]\.traceIdHigh: required field is missing$/);
    malformed(() => decodeJaegerThriftBatch(Buffer.from('{"spans":[]}')), /^body is not a Jaeger Thrift Batch/);
  });

  void test('a recorded client datagram cut short, or in the other protocol, is refused', () => {
    const datagram = readFileSync(join(FIXTURES, 'jaeger', 'jaeger-client-3.19.0-udp-emitBatch-binary.bin'));
    malformed(() => decodeJaegerAgentMessage(datagram.subarray(0, 200), 'binary'), /^emitBatch arguments: batch\.\S+: the body ends inside this value$/);
    malformed(() => decodeJaegerAgentMessage(datagram, 'compact'), /^datagram is not a Thrift compact-protocol message: Bad protocol identifier/);
  });

  void test('emitZipkinBatch and other methods are refused by name', () => {
    malformed(() => decodeJaegerAgentMessage(encodeAgentMessage(BATCH, 'compact', 'emitZipkinBatch'), 'compact'), /^Agent\.emitZipkinBatch \(Zipkin Thrift\) is not supported/);
    malformed(() => decodeJaegerAgentMessage(encodeAgentMessage(BATCH, 'binary', 'getSamplingStrategy'), 'binary'), /^unknown Agent method "getSamplingStrategy"/);
  });
});
