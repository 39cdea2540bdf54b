import type { FastifyInstance } from 'fastify';
import { answerUnknownRoute, createHttpServer, listenAt } from '../http/httpServer.js';
import type { Telemetry } from './telemetry.js';

/** `/metrics` (Prometheus text), `/healthz` (process alive) and `/readyz` (every component started). */
export async function startTelemetryServer(address: string, telemetry: Telemetry, isReady: () => boolean): Promise<FastifyInstance> {
  const app = createHttpServer({ closeConnections: 'idle' });
  app.setNotFoundHandler(answerUnknownRoute);
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
