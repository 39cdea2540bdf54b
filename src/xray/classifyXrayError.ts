import { isThrottlingError } from '@smithy/core/retry';
import { parseRetryAfter } from '../http/retryAfter.js';
import type { FailureClass } from '../pipeline/retry.js';

/** A failed AWS SDK call as the retries see it. */
export interface XrayFailure {
  failure: FailureClass;
  /** The delay the service asked for (`Retry-After`, or `x-amz-retry-after` in milliseconds), when it named one. */
  retryAfterMillis: number | undefined;
}

type SdkErrorOf = Parameters<typeof isThrottlingError>[0];

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: unknown;
  /** The raw HTTP response, which the SDK attaches (not enumerable) to errors read from one. */
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * A failure of an X-Ray call (the poller's reads, the exporter's PutTraceSegments) through the AWS SDK. Throttling is
 * `throttled`: HTTP 429, the SDK's throttling trait, or an error name in the SDK's own throttling list (isThrottlingError
 * of @smithy/core/retry: ThrottledException, ThrottlingException, Throttling, TooManyRequestsException,
 * RequestLimitExceeded, SlowDown and the rest). Other 4xx client faults (a bad filter expression, bad credentials,
 * access denied) are `permanent`, except 408 and errors the SDK marks retryable. Server faults, timeouts, aborts,
 * network and credential-provider failures are `retryable`.
 */
export function classifyXrayError(err: unknown): XrayFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const retryAfterMillis = requestedDelayMillis(e);
  if (isThrottlingError({ name: typeof e.name === 'string' ? e.name : '', $metadata: e.$metadata, $retryable: e.$retryable } as SdkErrorOf)) return { failure: 'throttled', retryAfterMillis };
  const clientFault = status === undefined ? e.$fault === 'client' : status >= 400 && status < 500;
  if (clientFault && status !== 408 && e.$retryable === undefined) return { failure: 'permanent', retryAfterMillis };
  return { failure: 'retryable', retryAfterMillis };
}

function requestedDelayMillis(e: SdkErrorShape): number | undefined {
  const headers = e.$response?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'retry-after') return parseRetryAfter(value);
    if (lower === 'x-amz-retry-after' && value !== undefined && /^\d+$/.test(value.trim())) return Number(value);
  }
  return undefined;
}

/** A short description of an SDK failure for status and logs: `<name> (HTTP <status>): <message>`. */
export function describeXrayError(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = typeof e.message === 'string' ? e.message : String(err);
  return `${name}${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${message}`;
}
