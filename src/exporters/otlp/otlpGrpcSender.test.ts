import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { encodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { errorOfGrpcStatus } from './otlpGrpcSender.js';

function serviceError(code: number, retryDelayMillis?: number): ServiceError {
  const metadata = new Metadata();
  if (retryDelayMillis !== undefined) metadata.set('grpc-status-details-bin', Buffer.from(encodeRpcStatusProto({ code, message: 'm', retryDelayMillis })));
  return Object.assign(new Error('m'), { code, details: 'why', metadata });
}

void describe('errorOfGrpcStatus (OTLP specification, "Failures")', () => {
  void test('retryable codes become retryable errors, carrying the RetryInfo delay', () => {
    for (const code of [status.CANCELLED, status.DEADLINE_EXCEEDED, status.ABORTED, status.OUT_OF_RANGE, status.UNAVAILABLE, status.DATA_LOSS]) {
      const e = errorOfGrpcStatus(serviceError(code), 'c:4317');
      assert.equal(e.kind, 'retryable', status[code]);
      assert.equal(e.retryAfterMillis, undefined);
    }
    assert.equal(errorOfGrpcStatus(serviceError(status.UNAVAILABLE, 2500), 'c:4317').retryAfterMillis, 2500);
  });

  void test('RESOURCE_EXHAUSTED is retryable only with RetryInfo', () => {
    assert.equal(errorOfGrpcStatus(serviceError(status.RESOURCE_EXHAUSTED), 'c').kind, 'permanent');
    const e = errorOfGrpcStatus(serviceError(status.RESOURCE_EXHAUSTED, 1000), 'c');
    assert.equal(e.kind, 'retryable');
    assert.equal(e.retryAfterMillis, 1000);
  });

  void test('other codes are permanent, and the message names the code and target', () => {
    for (const code of [status.UNKNOWN, status.INVALID_ARGUMENT, status.NOT_FOUND, status.PERMISSION_DENIED, status.UNIMPLEMENTED, status.INTERNAL, status.UNAUTHENTICATED]) {
      const e = errorOfGrpcStatus(serviceError(code), 'c:4317');
      assert.equal(e.code, 'SB_EXPORT_REJECTED');
      assert.match(e.message, new RegExp(`c:4317 failed: ${status[code]}: why`));
    }
  });
});
