import { PipelineError } from '../../errors.js';
import { fastifyClientError } from '../../http/httpServer.js';
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
  const refusal = fastifyClientError(err);
  if (refusal) return new QueryError('SB_MALFORMED', refusal.statusCode === 404 ? 404 : 400, refusal.message);
  return undefined;
}
