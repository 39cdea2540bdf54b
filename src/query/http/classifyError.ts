import { PipelineError } from '../../errors.js';
import { QueryError } from './queryError.js';

/**
 * The refusal a client should see for a thrown value, or undefined for a server fault (answered 500 without detail).
 * Store errors with a permanent 4xx code (an invalid regex or cursor is `SB_MALFORMED`) and Fastify's own 4xx errors
 * become 400s with their message.
 */
export function classifyError(err: unknown): QueryError | undefined {
  if (err instanceof QueryError) return err;
  if (err instanceof PipelineError && err.kind === 'permanent' && err.httpStatus >= 400 && err.httpStatus < 500) {
    return new QueryError(err.code, 400, err.message);
  }
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && err instanceof Error) {
    return new QueryError('SB_MALFORMED', status === 404 ? 404 : 400, err.message);
  }
  return undefined;
}
