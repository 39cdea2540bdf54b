import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyXrayError, describeXrayError } from './classifyXrayError.js';

const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('it failed'), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }), ...extra });
const failureOf = (e: unknown) => classifyXrayError(e).failure;

describe('classifyXrayError', () => {
  test('throttling: 429, the SDK throttling trait, or any name in either former list or the SDK\'s', () => {
    for (const name of ['ThrottledException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'Throttling', 'SlowDown', 'ProvisionedThroughputExceededException']) {
      assert.equal(failureOf(sdkError(name, 400)), 'throttled', name);
      assert.equal(failureOf(sdkError(name)), 'throttled', name);
    }
    assert.equal(failureOf(sdkError('Whatever', 429)), 'throttled');
    assert.equal(failureOf(sdkError('Whatever', 400, { $retryable: { throttling: true } })), 'throttled');
  });

  test('other 4xx client faults are permanent; 408 and errors the SDK marks retryable are not', () => {
    assert.equal(failureOf(sdkError('InvalidRequestException', 400)), 'permanent');
    assert.equal(failureOf(sdkError('AccessDeniedException', 403)), 'permanent');
    assert.equal(failureOf(sdkError('UnrecognizedClientException', undefined, { $fault: 'client' })), 'permanent');
    assert.equal(failureOf(sdkError('TimeoutError', 408)), 'retryable');
    assert.equal(failureOf(sdkError('SomethingTransient', 400, { $retryable: {} })), 'retryable');
  });

  test('server faults, timeouts, aborts, network and credential failures are retryable', () => {
    assert.equal(failureOf(sdkError('InternalFailure', 500)), 'retryable');
    assert.equal(failureOf(sdkError('ServiceUnavailableException', 503, { $fault: 'server' })), 'retryable');
    assert.equal(failureOf(sdkError('AbortError')), 'retryable');
    assert.equal(failureOf(sdkError('CredentialsProviderError')), 'retryable');
    assert.equal(failureOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), 'retryable');
    assert.equal(failureOf('a string'), 'retryable');
    assert.equal(failureOf(undefined), 'retryable');
  });

  test('the delay the service asked for: Retry-After (seconds or a date) or x-amz-retry-after (milliseconds)', () => {
    const withHeaders = (headers: Record<string, string>) => {
      const e = sdkError('ThrottledException', 429);
      Object.defineProperty(e, '$response', { value: { statusCode: 429, headers } });
      return e;
    };
    assert.equal(classifyXrayError(withHeaders({ 'retry-after': '3' })).retryAfterMillis, 3000);
    assert.equal(classifyXrayError(withHeaders({ 'Retry-After': '3' })).retryAfterMillis, 3000);
    assert.equal(classifyXrayError(withHeaders({ 'x-amz-retry-after': '1500' })).retryAfterMillis, 1500);
    assert.equal(classifyXrayError(withHeaders({ 'retry-after': 'soon' })).retryAfterMillis, undefined);
    assert.equal(classifyXrayError(withHeaders({})).retryAfterMillis, undefined);
    assert.equal(classifyXrayError(sdkError('ThrottledException', 429)).retryAfterMillis, undefined);
  });

  test('describeXrayError names the error, the status and the message', () => {
    assert.equal(describeXrayError(sdkError('InvalidRequestException', 400)), 'InvalidRequestException (HTTP 400): it failed');
    assert.equal(describeXrayError(new Error('boom')), 'Error: boom');
  });
});
