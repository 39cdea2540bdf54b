import type { FastifyReply } from 'fastify';
import { PipelineError } from '../../errors.js';
import { fastifyClientError } from '../../http/httpServer.js';
import { retryAfterSeconds } from '../../http/retryAfter.js';

/**
 * A refusal in the AWS restJson1 error shape (what the AWS SDK and CLI parse): the status, the `x-amzn-errortype`
 * header and a JSON body `{"__type", "message"}`. `type` is one of X-Ray's exception names where one fits
 * (InvalidRequestException 400, ThrottledException 429) or the generic AWS ones (InvalidSignatureException 403, ...).
 */
export class XrayApiError extends Error {
  readonly type: string;
  readonly status: number;
  readonly retryAfterMillis: number | undefined;

  constructor(type: string, status: number, message: string, retryAfterMillis?: number) {
    super(message);
    this.name = 'XrayApiError';
    this.type = type;
    this.status = status;
    this.retryAfterMillis = retryAfterMillis;
  }
}

/** 400 InvalidRequestException: a missing or bad request member, named in the message. */
export function invalidRequest(message: string): XrayApiError {
  return new XrayApiError('InvalidRequestException', 400, message);
}

/**
 * The AWS error for a thrown value, or undefined for a server fault (answered 500 InternalFailure without detail).
 * Permanent 4xx PipelineErrors (SB_MALFORMED: a bad member, filter or token) are InvalidRequestException; retryable
 * refusals of the pipeline are ThrottledException (429, which the SDK retries) or ServiceUnavailableException (503).
 */
export function toXrayApiError(err: unknown): XrayApiError | undefined {
  if (err instanceof XrayApiError) return err;
  if (err instanceof PipelineError) {
    // Tenancy (docs/security.md, "Tenants"): the generic AWS names for a missing and a refused identity.
    if (err.code === 'SB_TENANT_MISSING') return new XrayApiError('MissingAuthenticationTokenException', 401, err.message);
    if (err.code === 'SB_TENANT_UNKNOWN') return new XrayApiError('AccessDeniedException', 403, err.message);
    if (err.kind === 'permanent' && err.httpStatus === 413) return new XrayApiError('RequestEntityTooLargeException', 413, err.message);
    if (err.kind === 'permanent' && err.httpStatus >= 400 && err.httpStatus < 500) return invalidRequest(err.message);
    if (err.kind === 'retryable') {
      return err.httpStatus === 429 ? new XrayApiError('ThrottledException', 429, err.message, err.retryAfterMillis) : new XrayApiError('ServiceUnavailableException', 503, err.message, err.retryAfterMillis);
    }
  }
  const refusal = fastifyClientError(err);
  if (refusal) return refusal.statusCode === 413 ? new XrayApiError('RequestEntityTooLargeException', 413, refusal.message) : invalidRequest(refusal.message);
  return undefined;
}

export function sendXrayApiError(reply: FastifyReply, err: XrayApiError): FastifyReply {
  if (err.status === 429 || err.status === 503) void reply.header('retry-after', String(retryAfterSeconds(err.retryAfterMillis)));
  return reply.code(err.status).header('x-amzn-errortype', err.type).type('application/json').send(JSON.stringify({ __type: err.type, message: err.message }));
}
