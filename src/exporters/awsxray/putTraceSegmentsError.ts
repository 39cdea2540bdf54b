import { PipelineError } from '../../errors.js';
import { classifyXrayError } from '../../xray/classifyXrayError.js';

/**
 * A failed PutTraceSegments call as a PipelineError (unlike the contrib exporter, which drops a batch on any client
 * error, throttling is retried): throttling, 5xx, network errors, timeouts and credential failures are retryable SB_EXPORT_FAILED, waiting what X-Ray asked for when it said;
 * any other 4xx is permanent SB_EXPORT_REJECTED (src/xray/classifyXrayError.ts decides).
 */
export function putTraceSegmentsError(err: unknown): PipelineError {
  if (err instanceof PipelineError) return err;
  const e = (err ?? {}) as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = `PutTraceSegments ${status === undefined ? 'failed' : `was answered ${status}`}: ${name}: ${typeof e.message === 'string' ? e.message : String(err)}`;
  const { failure, retryAfterMillis } = classifyXrayError(err);
  if (failure === 'permanent') return new PipelineError('SB_EXPORT_REJECTED', message, { cause: err });
  return new PipelineError('SB_EXPORT_FAILED', message, { cause: err, ...(retryAfterMillis === undefined ? {} : { retryAfterMillis }) });
}

/**
 * Whether X-Ray refused a document for good (UnprocessedTraceSegments): its validation codes (`Invalid*`, `Missing*`,
 * e.g. InvalidTraceId, MissingParentId) are; anything else (throttling, internal failures) is retried.
 */
export function isPermanentSegmentError(errorCode: string | undefined): boolean {
  return errorCode !== undefined && /^(Invalid|Missing)/.test(errorCode);
}
