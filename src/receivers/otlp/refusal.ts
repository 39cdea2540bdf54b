// How a refused request is answered on each transport. HTTP: the error's status (ERROR_CODES) with a google.rpc.Status
// body and, when retryable, Retry-After (OTLP specification, "Failures", "OTLP/HTTP Throttling"). gRPC: the status
// codes of the OTLP specification, "Failures" - RESOURCE_EXHAUSTED and UNAVAILABLE carry a google.rpc.RetryInfo when
// the sender may retry, which is what makes an OTLP client retry RESOURCE_EXHAUSTED at all.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { PipelineError } from '../../errors.js';
import type { RpcStatus } from '../../codecs/otlp/rpcStatus.js';
import { retryAfterSeconds as retryAfterHeaderSeconds } from '../../http/retryAfter.js';

/** When a retryable error does not say how long to wait (in RetryInfo; Retry-After says 1 s then too). */
const DEFAULT_RETRY_AFTER_MILLIS = 1000;

/**
 * Read from the error's kind and its catalogue status, so codes added later map sensibly: retryable errors become
 * RESOURCE_EXHAUSTED (429: queue full) or UNAVAILABLE, both retryable for OTLP clients; permanent ones
 * RESOURCE_EXHAUSTED (413: too large / too many spans), NOT_FOUND (404), UNAUTHENTICATED (401), PERMISSION_DENIED (403) or INVALID_ARGUMENT.
 */
export function grpcCodeOf(err: PipelineError): GrpcStatus {
  const httpStatus = err.httpStatus;
  if (err.kind === 'retryable') return httpStatus === 429 ? GrpcStatus.RESOURCE_EXHAUSTED : GrpcStatus.UNAVAILABLE;
  if (httpStatus === 413) return GrpcStatus.RESOURCE_EXHAUSTED;
  if (httpStatus === 404) return GrpcStatus.NOT_FOUND;
  if (httpStatus === 401) return GrpcStatus.UNAUTHENTICATED;
  if (httpStatus === 403) return GrpcStatus.PERMISSION_DENIED;
  return GrpcStatus.INVALID_ARGUMENT;
}

/** Whole seconds for Retry-After (at least 1), or undefined for errors that should not be retried. */
export function retryAfterSeconds(err: PipelineError): number | undefined {
  return err.kind === 'retryable' ? retryAfterHeaderSeconds(err.retryAfterMillis) : undefined;
}

/** The google.rpc.Status describing a refusal; retryable errors carry their delay (sent as RetryInfo on gRPC). */
export function rpcStatusOf(err: PipelineError): RpcStatus {
  const s: RpcStatus = { code: grpcCodeOf(err), message: err.message };
  if (err.kind === 'retryable') s.retryDelayMillis = err.retryAfterMillis ?? DEFAULT_RETRY_AFTER_MILLIS;
  return s;
}
