import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { PipelineError } from '../../errors.js';

export interface HttpLimits {
  /** Bytes accepted on the wire (413 above). */
  maxRequestBodyBytes: number;
  /** Bytes accepted after Content-Encoding is undone (413 above). */
  maxDecompressedBytes: number;
}

/** Schema properties for the limits every HTTP receiver takes. */
export const httpLimitProperties = {
  max_request_body_size: { type: 'integer', minimum: 1024, default: 20 * 1024 * 1024, description: 'bytes accepted on the wire' },
  max_decompressed_body_size: { type: 'integer', minimum: 1024, default: 100 * 1024 * 1024, description: 'bytes accepted after decompression' },
} as const;

/**
 * The answer to a route no server of Spanbridge has: 404 with the project's error body
 * `{"error": {"code": "SB_NOT_FOUND", "message": "no route GET /x"}}` (docs/errors.md) instead of Fastify's default
 * body. Every Fastify server is created with it as its not-found handler, except where an API answers in an error
 * shape of its own (the X-Ray API's AWS errors, Jaeger api_v3 under /api/v3).
 */
export function answerUnknownRoute(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const err = new PipelineError('SB_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`);
  return reply.code(err.httpStatus).send({ error: { code: err.code, message: err.message } });
}

/**
 * A Fastify instance that hands every body to routes as a raw Buffer (receivers decode with their own codecs),
 * refuses bodies over the wire limit with 413, and answers unknown routes with `notFound` (answerUnknownRoute).
 */
export function createHttpReceiverServer(limits: HttpLimits, notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply = answerUnknownRoute): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: limits.maxRequestBodyBytes, return503OnClosing: true, forceCloseConnections: true });
  app.setNotFoundHandler(notFound);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  return app;
}

/** `host:port` of a listening Fastify instance. */
export function fastifyAddress(app: FastifyInstance): string {
  const a = app.server.address();
  if (a && typeof a === 'object') return `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  return String(a);
}
