import type { FailureClass } from './retryWithBackoff.js';

/** Error names X-Ray and the AWS SDK use for throttling (specs/xray.md section 8: `ThrottledException`, HTTP 429). */
const THROTTLING_NAMES = new Set(['ThrottledException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);

interface SdkErrorShape {
  name?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * An AWS SDK failure as a FailureClass: throttling (429 or a throttling error name) is `throttled`; other 4xx client
 * faults (a bad filter expression, bad credentials) are `permanent`; server faults, timeouts and network errors are
 * `retryable`.
 */
export function classifyXrayError(err: unknown): FailureClass {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  if (status === 429 || (typeof e.name === 'string' && THROTTLING_NAMES.has(e.name))) return 'throttled';
  if (e.$fault === 'client' || (status !== undefined && status >= 400 && status < 500)) return 'permanent';
  return 'retryable';
}

/** A short description of an SDK failure for status and logs: `<name> (HTTP <status>): <message>`. */
export function describeXrayError(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape & { message?: unknown };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = typeof e.message === 'string' ? e.message : String(err);
  return `${name}${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${message}`;
}
