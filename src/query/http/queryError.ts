import type { ErrorCode } from '../../errors.js';

/**
 * Codes a query answer carries. Two are not in src/errors.ts yet: `SB_NOT_FOUND` (404, unknown trace id) and
 * `SB_INTERNAL` (500, a store read failed). Once the catalogue (and docs/errors.md) has them, this is just ErrorCode.
 */
export type QueryErrorCode = ErrorCode;

/** The code of a 500 answer (details go to the log, not to the client). */
export const INTERNAL_ERROR_CODE: QueryErrorCode = 'SB_INTERNAL';

/**
 * A refusal of a query request (issue 3 item 3: "Bad parameters get 400 with a message; unknown trace ids 404").
 * Each API renders it in its own error shape (native, Jaeger, Jaeger api_v3, Zipkin).
 */
export class QueryError extends Error {
  readonly code: QueryErrorCode;
  readonly status: 400 | 404;

  constructor(code: QueryErrorCode, status: 400 | 404, message: string) {
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
