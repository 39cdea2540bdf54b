import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { requireAuthentication, type HttpAuthenticator } from '../http/authentication.js';
import { answerUnknownRoute, createHttpServer, listenAt } from '../http/httpServer.js';
import type { Telemetry } from './telemetry.js';

export interface TelemetryServerOptions {
  /** Serve HTTPS with this certificate, reloaded when its files change. */
  tls?: TlsServerConfig;
  /** /metrics needs credentials it accepts; /healthz and /readyz stay open for probes. */
  authenticator?: HttpAuthenticator;
  logger?: Logger;
}

/** `/metrics` (Prometheus text), `/healthz` (process alive) and `/readyz` (every component started). */
export async function startTelemetryServer(address: string, telemetry: Telemetry, isReady: () => boolean, options: TelemetryServerOptions = {}): Promise<FastifyInstance> {
  const app = createHttpServer({ closeConnections: 'idle', ...(options.tls ? { tls: options.tls } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  app.setNotFoundHandler(answerUnknownRoute);
  if (options.authenticator) requireAuthentication(app, options.authenticator, { openPaths: ['/healthz', '/readyz'] });
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', telemetry.registry.contentType);
    return telemetry.registry.metrics();
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = isReady();
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not ready' };
  });
  await listenAt(app, address);
  return app;
}
