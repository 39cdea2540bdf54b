// The telemetry thread's HTTP server, on node:http rather than Fastify: it serves three GET routes, and an isolate that
// loads Fastify (with its schema compiler and router) holds some 10 MB more at every moment of the process's life
// (docs/threads.md, "Memory"). It keeps what the Fastify servers of httpServer.ts promise: the project's 404 body, 503
// while closing, requests in flight finished on close, TLS reloaded when its files change, and the authenticator asked
// before any route runs.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { challengeOf, type HttpAuthenticator } from '../http/authentication.js';
import { PipelineError, errorBody } from '../errors.js';
import { boundAddress } from '../http/boundAddress.js';
import { loadServerTls } from '../http/serverTls.js';

/** What a route answers: a status and a body, JSON unless `contentType` says otherwise. */
export interface ProbeAnswer {
  status: number;
  body: unknown;
  contentType?: string;
}

export type ProbeRoute = () => ProbeAnswer | Promise<ProbeAnswer>;

export interface ProbeServerOptions {
  /** GET (and HEAD) routes by path, compared without the query string. */
  routes: Readonly<Record<string, ProbeRoute>>;
  tls?: TlsServerConfig;
  /** Asked for every request but those to `openPaths`; a refusal is 401 with `WWW-Authenticate`. */
  authenticator?: HttpAuthenticator;
  openPaths?: readonly string[];
  /** Told of certificate reloads and of route failures. */
  logger: Logger;
}

export interface ProbeServer {
  /** Listens on `host:port` (port 0 picks a free one) and resolves to the `host:port` it got. */
  listen(host: string, port: number): Promise<string>;
  /** Stops accepting, answers 503 to requests that still come on open connections, and lets those in flight finish. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

function send(res: ServerResponse, answer: ProbeAnswer, head: boolean): void {
  const text = answer.contentType === undefined ? JSON.stringify(answer.body) : String(answer.body);
  res.writeHead(answer.status, { 'content-type': answer.contentType ?? JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

/** An error answered in the project's error body, with the status its code has (src/errors.ts). */
function failure(err: PipelineError): ProbeAnswer {
  return { status: err.httpStatus, body: errorBody(err) };
}

export function createProbeServer(options: ProbeServerOptions): ProbeServer {
  const open = new Set(options.openPaths ?? []);
  let closing = false;

  async function answer(req: IncomingMessage, path: string): Promise<ProbeAnswer> {
    const method = req.method ?? 'GET';
    const auth = options.authenticator;
    if (auth !== undefined && !open.has(path) && !(await auth.authenticate(req.headers.authorization))) {
      const message = req.headers.authorization === undefined ? 'authentication required' : 'the credentials were not accepted';
      return { status: 401, body: message, contentType: TEXT_TYPE };
    }
    const route = method === 'GET' || method === 'HEAD' ? options.routes[path] : undefined;
    return route === undefined ? failure(new PipelineError('SB_NOT_FOUND', `no route ${method} ${path}`)) : route();
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const head = req.method === 'HEAD';
    if (closing) {
      res.setHeader('connection', 'close');
      send(res, failure(new PipelineError('SB_SHUTTING_DOWN', 'the server is closing')), head);
      return;
    }
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    answer(req, path).then(
      (a) => {
        if (a.status === 401 && options.authenticator !== undefined) res.setHeader('www-authenticate', challengeOf(options.authenticator));
        send(res, a, head);
      },
      (e: unknown) => {
        options.logger.error({ err: e, path }, 'a telemetry route failed');
        send(res, failure(new PipelineError('SB_INTERNAL', (e as Error).message)), head);
      },
    );
  }

  const tls = options.tls === undefined ? undefined : loadServerTls(options.tls, { logger: options.logger });
  const server: Server = tls === undefined ? createHttpServer(handle) : createHttpsServer(tls.serverOptions, handle);
  if (tls !== undefined) tls.onReload((context) => (server as ReturnType<typeof createHttpsServer>).setSecureContext(context));

  return {
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(boundAddress(server.address()));
        });
      });
    },
    close() {
      closing = true;
      tls?.close();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
