import type { ErrorCode } from '../../errors.js';

/** Codes a query answer carries: codes of the catalogue (`SB_MALFORMED`, `SB_NOT_FOUND`, `SB_INTERNAL`, ...). */
export type QueryErrorCode = ErrorCode;

/** The code of a 500 answer (details go to the log, not to the client). */
export const INTERNAL_ERROR_CODE: QueryErrorCode = 'SB_INTERNAL';

/**
 * A refusal of a query request: bad parameters get 400 with a message naming the parameter, unknown trace ids 404, a
 * Host the server does not answer for 403.
 * Each API renders it in its own error shape (native, Jaeger, Jaeger api_v3, Zipkin).
 */
export class QueryError extends Error {
  readonly code: QueryErrorCode;
  readonly status: 400 | 403 | 404;

  constructor(code: QueryErrorCode, status: 400 | 403 | 404, message: string) {
    super(message);
    this.name = 'QueryError';
    this.code = code;
    this.status = status;
  }
}

/** A parameter that could not be used; the message names it (`parameter 'limit': ...`). */
export function badParameter(name: string, problem: string): QueryError {
  return new QueryError('SB_MALFORMED', 400, `parameter '${name}': ${problem}`);
}

export function notFound(message: string): QueryError {
  return new QueryError('SB_NOT_FOUND', 404, message);
}

export function traceNotFound(traceId: string): QueryError {
  return notFound(`trace ${traceId} not found`);
}
