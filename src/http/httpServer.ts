// The Fastify servers Spanbridge runs (receivers, the X-Ray API, the query port, the X-Ray
// poller's admin port) are made, bound and named here, so they all log nothing per request, answer 503 while closing,
// do not keep shutdown waiting on open connections and serve TLS the same way (docs/security.md). Each API renders
// refusals in its own protocol's shape; what they share is telling Fastify's own refusals (fastifyClientError) from
// server faults.
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyHttpsOptions, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Server as HttpsServer } from 'node:https';
import type { Logger } from 'pino';
import { parseEndpoint } from '../config/endpoint.js';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { PipelineError, errorBody } from '../errors.js';
import { boundAddress } from './boundAddress.js';
import { loadServerTls } from './serverTls.js';

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

export interface HttpServerOptions {
  /** Longest path parameter the router accepts (Fastify's default is 100 characters). */
  maxParamLength?: number;
  /**
   * What closing does to open connections: `all` (the default) cuts them, requests in flight included, so shutdown
   * never waits on a client; `idle` lets requests in flight finish and cuts only idle keep-alive connections.
   */
  closeConnections?: 'all' | 'idle';
  /** Serve HTTPS with this certificate (reloaded when its files change, serverTls.ts); absent: plain HTTP. */
  tls?: TlsServerConfig;
  /** Told of certificate reloads and of changes that could not be used. */
  logger?: Logger;
}

function serverOptions(options: HttpServerOptions): FastifyServerOptions {
  return {
    logger: false,
    return503OnClosing: true,
    ...(options.closeConnections === 'idle' ? {} : { forceCloseConnections: true }),
    ...(options.maxParamLength === undefined ? {} : { routerOptions: { maxParamLength: options.maxParamLength } }),
  };
}

/**
 * Fastify with `options`, over HTTPS when `options.tls` is set: the files are read now (throwing when they are unusable)
 * and, when they change, new connections get the new certificate (`setSecureContext`) while open ones keep theirs.
 * The instance is typed as Fastify's default; an HTTPS server answers the same calls.
 */
function createFastify(fastifyOptions: FastifyServerOptions, options: HttpServerOptions): FastifyInstance {
  if (options.tls === undefined) return Fastify(fastifyOptions);
  const tls = loadServerTls(options.tls, options.logger ? { logger: options.logger } : {});
  const httpsOptions: FastifyHttpsOptions<HttpsServer> = { ...(fastifyOptions as unknown as FastifyServerOptions<HttpsServer>), https: tls.serverOptions };
  const app = Fastify(httpsOptions);
  tls.onReload((context) => app.server.setSecureContext(context));
  app.addHook('onClose', async () => tls.close());
  return app as unknown as FastifyInstance;
}

/** A Fastify instance for JSON APIs: bodies are parsed by Fastify's own content-type parsers. */
export function createHttpServer(options: HttpServerOptions = {}): FastifyInstance {
  return createFastify(serverOptions(options), options);
}

/**
 * The answer to a route no server of Spanbridge has: 404 with the project's error body
 * `{"error": {"code": "SB_NOT_FOUND", "message": "no route GET /x"}}` (docs/errors.md) instead of Fastify's default
 * body. Every server sets it as its not-found handler, except where an API answers in an error shape of its own (the
 * X-Ray API's AWS errors, Jaeger api_v3 under /api/v3) or serves a client-side app (the UI's routes).
 */
export function answerUnknownRoute(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const err = new PipelineError('SB_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`);
  return reply.code(err.httpStatus).send(errorBody(err));
}

/**
 * A Fastify instance that hands every body to routes as a raw Buffer (receivers decode with their own codecs),
 * refuses bodies over the wire limit with 413 and answers unknown routes with `notFound` (answerUnknownRoute unless an
 * API has an error shape of its own). The decompressed limit is for the routes (decodeContentEncoding).
 */
export function createHttpReceiverServer(
  limits: HttpLimits,
  options: Pick<HttpServerOptions, 'tls' | 'logger'> & { notFound?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply } = {},
): FastifyInstance {
  const app = createFastify({ ...serverOptions({}), bodyLimit: limits.maxRequestBodyBytes }, options);
  app.setNotFoundHandler(options.notFound ?? answerUnknownRoute);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  return app;
}

const NO_BODY = Buffer.alloc(0);

/**
 * The raw body (empty when there is none), which the request then no longer holds: a receiver decodes it at once but
 * answers only when its spans are stored, and a body still referenced by then has lived through young-generation
 * collections into the old generation, where its bytes wait for a full collection (docs/threads.md, "Memory").
 */
export function takeBody(request: FastifyRequest): Buffer {
  const body = request.body;
  request.body = undefined;
  return Buffer.isBuffer(body) ? body : NO_BODY;
}

/** Listens on a `host:port` endpoint (port 0 picks a free one) and resolves to the `host:port` it got. */
export async function listenAt(app: FastifyInstance, endpoint: string): Promise<string> {
  const { host, port } = parseEndpoint(endpoint);
  await app.listen({ host, port });
  return fastifyAddress(app);
}

/**
 * The error, when it is a refusal Fastify raised before a handler ran (a body over the limit 413, malformed JSON 400,
 * ...); undefined for anything else, which the APIs answer as a server fault.
 */
export function fastifyClientError(err: unknown): (Error & { statusCode: number }) | undefined {
  if (!(err instanceof Error)) return undefined;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? (err as Error & { statusCode: number }) : undefined;
}

/** `host:port` of a listening Fastify instance. */
export function fastifyAddress(app: FastifyInstance): string {
  return boundAddress(app.server.address());
}
