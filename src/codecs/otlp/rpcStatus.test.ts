import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { RETRY_INFO_TYPE_URL, RpcStatusType } from './otlpProto.js';
import { decodeRpcStatusJson, decodeRpcStatusProto, encodeRpcStatusJson, encodeRpcStatusProto } from './rpcStatus.js';

void describe('google.rpc.Status codec', () => {
  void test('round-trips code and message in both encodings', () => {
    const s = { code: 3, message: 'resourceSpans[0]: bad' };
    assert.deepStrictEqual(decodeRpcStatusProto(encodeRpcStatusProto(s)), s);
    assert.deepStrictEqual(decodeRpcStatusJson(encodeRpcStatusJson(s)), s);
    assert.deepStrictEqual(JSON.parse(encodeRpcStatusJson(s)), s);
  });

  void test('carries a RetryInfo detail packed in google.protobuf.Any', () => {
    const s = { code: 8, message: 'queue full', retryDelayMillis: 1500 };
    assert.deepStrictEqual(decodeRpcStatusProto(encodeRpcStatusProto(s)), s);
    assert.deepStrictEqual(decodeRpcStatusJson(encodeRpcStatusJson(s)), s);
    const raw = RpcStatusType.decode(encodeRpcStatusProto(s)) as unknown as { details: Array<{ type_url: string }> };
    assert.equal(raw.details[0]?.type_url, RETRY_INFO_TYPE_URL);
    assert.deepStrictEqual(JSON.parse(encodeRpcStatusJson(s)).details, [{ '@type': RETRY_INFO_TYPE_URL, retryDelay: '1.5s' }]);
  });

  void test('unknown details are skipped', () => {
    const body = RpcStatusType.encode({ code: 14, message: 'm', details: [{ type_url: 'type.googleapis.com/google.rpc.DebugInfo', value: Buffer.from([1, 2]) }] }).finish();
    assert.deepStrictEqual(decodeRpcStatusProto(body), { code: 14, message: 'm' });
  });

  void test('garbage is SB_MALFORMED', () => {
    assert.throws(() => decodeRpcStatusProto(Buffer.from([0x1a, 0x05, 0x01])), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
    assert.throws(() => decodeRpcStatusJson('<html>'), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
    assert.throws(() => decodeRpcStatusJson('"text"'), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
  });
});
