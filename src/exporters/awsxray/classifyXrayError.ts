import { PipelineError } from '../../errors.js';

/** Error names AWS uses for throttling (X-Ray answers ThrottledException, 429). */
const THROTTLING = new Set(['ThrottledException', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'Throttling', 'SlowDown']);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/**
 * A failed PutTraceSegments call as a PipelineError (unlike the contrib exporter, which drops a batch on any client
 * error, throttling is retried): throttling (by name, 429, or the SDK's flag) and 5xx, network errors, timeouts
 * and credential failures are retryable SB_EXPORT_FAILED; any other 4xx is permanent SB_EXPORT_REJECTED.
 */
export function classifyXrayError(err: unknown): PipelineError {
  if (err instanceof PipelineError) return err;
  const e = (err ?? {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = `PutTraceSegments ${status === undefined ? 'failed' : `was answered ${status}`}: ${name}: ${typeof e.message === 'string' ? e.message : String(err)}`;
  if (THROTTLING.has(name) || status === 429 || e.$retryable?.throttling === true) return new PipelineError('SB_EXPORT_FAILED', message, { cause: err });
  if (status !== undefined && status >= 400 && status < 500 && status !== 408) return new PipelineError('SB_EXPORT_REJECTED', message, { cause: err });
  return new PipelineError('SB_EXPORT_FAILED', message, { cause: err });
}

/**
 * Whether X-Ray refused a document for good (UnprocessedTraceSegments): its validation codes (`Invalid*`, `Missing*`,
 * e.g. InvalidTraceId, MissingParentId) are; anything else (throttling, internal failures) is retried.
 */
export function isPermanentSegmentError(errorCode: string | undefined): boolean {
  return errorCode !== undefined && /^(Invalid|Missing)/.test(errorCode);
}
