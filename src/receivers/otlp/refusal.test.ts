import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { ERROR_CODES, PipelineError, type ErrorCode } from '../../errors.js';
import { grpcCodeOf, retryAfterSeconds, rpcStatusOf } from './refusal.js';

void describe('refusal mapping', () => {
  void test('every error code has a gRPC status that matches its kind (OTLP specification, "Failures")', () => {
    const retryableCodes = new Set<number>([status.RESOURCE_EXHAUSTED, status.UNAVAILABLE]);
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const err = new PipelineError(code, 'x');
      const grpc = grpcCodeOf(err);
      assert.ok(Number.isInteger(grpc) && grpc > 0, code);
      if (err.kind === 'retryable') assert.ok(retryableCodes.has(grpc), `${code} must map to a retryable gRPC status`);
    }
    assert.equal(grpcCodeOf(new PipelineError('SB_MALFORMED', 'x')), status.INVALID_ARGUMENT);
    assert.equal(grpcCodeOf(new PipelineError('SB_QUEUE_FULL', 'x')), status.RESOURCE_EXHAUSTED);
    assert.equal(grpcCodeOf(new PipelineError('SB_MEMORY_LIMIT', 'x')), status.UNAVAILABLE);
    assert.equal(grpcCodeOf(new PipelineError('SB_SHUTTING_DOWN', 'x')), status.UNAVAILABLE);
  });

  void test('Retry-After: whole seconds rounded up, at least 1, only for retryable errors', () => {
    assert.equal(retryAfterSeconds(new PipelineError('SB_QUEUE_FULL', 'x', { retryAfterMillis: 1 })), 1);
    assert.equal(retryAfterSeconds(new PipelineError('SB_QUEUE_FULL', 'x', { retryAfterMillis: 2001 })), 3);
    assert.equal(retryAfterSeconds(new PipelineError('SB_MEMORY_LIMIT', 'x')), 1);
    assert.equal(retryAfterSeconds(new PipelineError('SB_MALFORMED', 'x')), undefined);
  });

  void test('RetryInfo only for retryable errors', () => {
    assert.deepStrictEqual(rpcStatusOf(new PipelineError('SB_QUEUE_FULL', 'full', { retryAfterMillis: 250 })), { code: status.RESOURCE_EXHAUSTED, message: 'full', retryDelayMillis: 250 });
    assert.deepStrictEqual(rpcStatusOf(new PipelineError('SB_TOO_LARGE', 'big')), { code: status.RESOURCE_EXHAUSTED, message: 'big' });
  });
});
