import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { isPermanentSegmentError, putTraceSegmentsError } from './putTraceSegmentsError.js';

const sdkError = (name: string, status?: number) => Object.assign(new Error('it failed'), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }) });

describe('putTraceSegmentsError', () => {
  test('throttling, 5xx and transport failures are retryable; other 4xx permanent', () => {
    const kind = (e: unknown) => [putTraceSegmentsError(e).code, putTraceSegmentsError(e).kind];
    assert.deepEqual(kind(sdkError('ThrottledException', 429)), ['SB_EXPORT_FAILED', 'retryable']);
    assert.deepEqual(kind(sdkError('ThrottlingException', 400)), ['SB_EXPORT_FAILED', 'retryable']);
    assert.deepEqual(kind(Object.assign(sdkError('Whatever', 400), { $retryable: { throttling: true } })), ['SB_EXPORT_FAILED', 'retryable']);
    assert.deepEqual(kind(sdkError('InternalFailure', 500)), ['SB_EXPORT_FAILED', 'retryable']);
    assert.deepEqual(kind(sdkError('TimeoutError', 408)), ['SB_EXPORT_FAILED', 'retryable']);
    assert.deepEqual(kind(sdkError('AbortError')), ['SB_EXPORT_FAILED', 'retryable']);
    assert.deepEqual(kind(sdkError('CredentialsProviderError')), ['SB_EXPORT_FAILED', 'retryable']);
    assert.deepEqual(kind(sdkError('InvalidRequestException', 400)), ['SB_EXPORT_REJECTED', 'permanent']);
    assert.deepEqual(kind(sdkError('AccessDeniedException', 403)), ['SB_EXPORT_REJECTED', 'permanent']);
  });

  test('the message names the call, the status and the AWS error', () => {
    assert.equal(putTraceSegmentsError(sdkError('InvalidRequestException', 400)).message, 'PutTraceSegments was answered 400: InvalidRequestException: it failed');
    const own = new PipelineError('SB_EXPORT_FAILED', 'cache down');
    assert.equal(putTraceSegmentsError(own), own);
  });

  test('the delay X-Ray asks for with a throttle is the retry delay', () => {
    const throttled = sdkError('ThrottledException', 429);
    Object.defineProperty(throttled, '$response', { value: { statusCode: 429, headers: { 'retry-after': '2' } } });
    assert.equal(putTraceSegmentsError(throttled).retryAfterMillis, 2000);
    assert.equal(putTraceSegmentsError(sdkError('ThrottledException', 429)).retryAfterMillis, undefined);
  });

  test('X-Ray validation codes of UnprocessedTraceSegments are permanent, others are not', () => {
    assert.equal(isPermanentSegmentError('InvalidTraceId'), true);
    assert.equal(isPermanentSegmentError('MissingParentId'), true);
    assert.equal(isPermanentSegmentError('ThrottledException'), false);
    assert.equal(isPermanentSegmentError('InternalFailure'), false);
    assert.equal(isPermanentSegmentError(undefined), false);
  });
});
