import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { StoreReader } from '../../store/store.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { adjustingReader } from '../adjust/adjustingReader.js';
import { classifyError } from './classifyError.js';
import { QueryError } from './queryError.js';
import type { PipelineError } from '../../errors.js';
import type { QueryParams } from './queryParams.js';
import { requestCounter } from './requestCounter.js';

/** What every register*Api function takes besides the app and the reader. */
export interface QueryApiOptions {
  /** When given, requests are counted in its registry (`spanbridge_query_requests_total{api,route,status}`). */
  telemetry?: Telemetry;
  /** Where server faults (500) are logged; never per request otherwise. */
  logger?: Logger;
  /**
   * For routes mounted on a server whose own hooks do not check Host (the Zipkin receiver's port): a refusal for a
   * request's Host, answered 403 in the API's error shape (src/http/originGuard.ts, hostCheck).
   */
  hostCheck?: (host: string | undefined) => PipelineError | undefined;
}

/** Writes a refusal (`err`), or a server fault (`err` undefined), in one API's error shape. */
export type ErrorRenderer = (reply: FastifyReply, status: number, err: QueryError | undefined) => FastifyReply;

/**
 * What the APIs read: one store for every request, or, with tenancy on, the store of the tenant the request names
 * (docs/security.md, "Tenants"), chosen per request.
 */
export type ReaderSource = StoreReader | ((request: FastifyRequest) => StoreReader);

export interface QueryRequest {
  query: QueryParams;
  params: Readonly<Record<string, string>>;
  /** The request's store, read through the query adjusters (adjustingReader). */
  reader: StoreReader;
  /** The request's store as written (api_v3's `rawTraces`). */
  store: StoreReader;
}

type Handler = (req: QueryRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Adds GET routes of one API that share its error shape and counting. Hooks and the error handler are set per route,
 * so mounting an API on another server (the Zipkin receiver's port) changes nothing else there.
 */
export function queryRoutes(app: FastifyInstance, api: string, renderError: ErrorRenderer, options: QueryApiOptions, source: ReaderSource): (url: string, handler: Handler) => void {
  const shared = typeof source === 'function' ? undefined : { store: source, reader: adjustingReader(source) };
  const readersOf = (request: FastifyRequest): { store: StoreReader; reader: StoreReader } => {
    if (shared !== undefined) return shared;
    const store = (source as (request: FastifyRequest) => StoreReader)(request);
    return { store, reader: adjustingReader(store) };
  };
  const counter = options.telemetry === undefined ? undefined : requestCounter(options.telemetry.registry);
  return (url, handler) => {
    app.route({
      method: 'GET',
      url,
      handler: (request: FastifyRequest, reply: FastifyReply) => handler({ query: request.query as QueryParams, params: request.params as Record<string, string>, ...readersOf(request) }, reply),
      errorHandler: (error: unknown, _request: FastifyRequest, reply: FastifyReply) => {
        const refusal = classifyError(error);
        if (refusal === undefined) options.logger?.error({ err: error, api, route: url }, 'query failed');
        return renderError(reply, refusal?.status ?? 500, refusal);
      },
      ...(options.hostCheck === undefined ? {} : {
        onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
          const refusal = options.hostCheck?.(request.headers.host);
          return refusal === undefined ? undefined : renderError(reply, 403, new QueryError(refusal.code, 403, refusal.message));
        },
      }),
      ...(counter === undefined ? {} : {
        onResponse: (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
          counter.inc({ api, route: url, status: String(reply.statusCode) });
          done();
        },
      }),
    });
  };
}
