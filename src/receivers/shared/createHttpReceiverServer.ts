import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';

export interface HttpLimits {
  /** Bytes accepted on the wire (413 above). */
  maxRequestBodyBytes: number;
  /** Bytes accepted after Content-Encoding is undone (413 above). */
  maxDecompressedBytes: number;
}

/** Schema properties for the limits every HTTP receiver takes. */
export const httpLimitProperties = {
  max_request_body_size: Type.Integer({ minimum: 1024, default: 20 * 1024 * 1024, description: 'bytes accepted on the wire' }),
  max_decompressed_body_size: Type.Integer({ minimum: 1024, default: 100 * 1024 * 1024, description: 'bytes accepted after decompression' }),
};

/**
 * A Fastify instance that hands every body to routes as a raw Buffer (receivers decode with their own codecs) and
 * refuses bodies over the wire limit with 413.
 */
export function createHttpReceiverServer(limits: HttpLimits): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: limits.maxRequestBodyBytes, return503OnClosing: true, forceCloseConnections: true });
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
