import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { errorBody } from '../errors.js';
import { requireAuthentication, type HttpAuthenticator } from '../http/authentication.js';
import { createHttpServer, listenAt } from '../http/httpServer.js';
import { guardHosts } from '../http/originGuard.js';
import { requireTenant, type Tenancy } from '../http/tenancy.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import { packagePath } from '../packageRoot.js';
import { registerJaegerApi } from './jaeger/registerJaegerApi.js';
import { registerJaegerV3Api } from './jaeger/registerJaegerV3Api.js';
import { registerNativeApi } from './native/registerNativeApi.js';
import type { QueryCorsConfig } from './config.js';
import type { ReaderSource } from './http/queryRoute.js';
import { registerCors } from './cors.js';
import { registerUi } from './ui/registerUi.js';

export interface QueryServerOptions {
  /** `host:port`; port 0 picks a free one. */
  endpoint: string;
  /** The store every request reads, or (tenancy) a function choosing the store of a request's tenant. */
  reader: ReaderSource;
  /** The built web UI (default ui/dist in the package). */
  uiDir?: string;
  logger: Logger;
  /** When given, requests are counted by API, route and status in its registry. */
  telemetry?: Telemetry;
  /** Serve HTTPS with this certificate, reloaded when its files change. */
  tls?: TlsServerConfig;
  /** Every request (the UI's files too) must satisfy it; 401 with WWW-Authenticate otherwise. */
  authenticator?: HttpAuthenticator;
  /** Cross-origin access for browsers on other origins; off when absent or when it lists no origin. */
  cors?: QueryCorsConfig;
  /** Host names answered for (`query.allowed_hosts`); default localhost, 127.0.0.1, [::1] and the bound address. */
  allowedHosts?: readonly string[];
  /**
   * Every API request (not the UI's files) must name an allowed tenant in the tenancy header: 401 without one, 403 for
   * another (docs/security.md, "Tenants"); `reader` then chooses by `requestTenant`.
   */
  tenancy?: Tenancy;
}

export interface QueryServer {
  app: FastifyInstance;
  /** `host:port` it listens on. */
  address: string;
  close(): Promise<void>;
}

/** Longest path parameter (service names, trace ids) the router accepts; Fastify's default of 100 is too short. */
const MAX_PARAM_LENGTH = 1024;

/**
 * The query port (default localhost:16686, docs/ports.md): the native API (/api/v1), the Jaeger-compatible APIs
 * (/api/..., /api/v3/...) and the web UI at `/`, listening when the promise resolves; TLS, authentication and CORS as
 * docs/security.md describes. Requests naming another host than the allowed ones answer 403 SB_HOST_NOT_ALLOWED in
 * the native API's error shape.
 */
export async function createQueryServer(options: QueryServerOptions): Promise<QueryServer> {
  const app = createHttpServer({ maxParamLength: MAX_PARAM_LENGTH, ...(options.tls ? { tls: options.tls } : {}), logger: options.logger });
  // Every route, the UI's files included: a page that reached this port through DNS rebinding reads nothing.
  guardHosts(app, options.allowedHosts, (_request, reply, err) => reply.code(err.httpStatus).send(errorBody(err)));
  // CORS first, so a refusal for want of credentials still carries the CORS headers a browser needs to read it.
  if (options.cors) await registerCors(app, options.cors);
  if (options.authenticator) {
    requireAuthentication(app, options.authenticator, {
      refuse: (_request, reply, err) => reply.code(err.httpStatus).send(errorBody(err)),
    });
  }
  if (options.tenancy) {
    // The UI's files are the same for every tenant; its API calls carry the header (docs/security.md, "Tenants").
    requireTenant(app, options.tenancy, {
      refuse: (_request, reply, err) => reply.code(err.httpStatus).send(errorBody(err)),
      appliesTo: (path) => path.startsWith('/api/'),
    });
  }
  const apiOptions = { logger: options.logger, ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }) };
  registerNativeApi(app, options.reader, apiOptions);
  registerJaegerApi(app, options.reader, apiOptions);
  registerJaegerV3Api(app, options.reader, apiOptions);
  await registerUi(app, options.uiDir ?? packagePath('ui', 'dist'));
  let address: string;
  try {
    address = await listenAt(app, options.endpoint);
  } catch (e) {
    await app.close();
    throw e;
  }
  return { app, address, close: () => app.close() };
}
