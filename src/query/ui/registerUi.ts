import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { answerUnknownRoute } from '../../http/httpServer.js';

export const UI_NOT_BUILT = 'The Spanbridge web UI was not built: run `npx vite build --config ui/vite.config.ts` (part of `npm ci`), then restart.\n';

/**
 * The UI's client-side routes (ui/src/routing/route.ts): `/`, `/search`, `/trace/<id>`, `/map`, `/compare`, with or
 * without a trailing slash. Only these load the page; any other path is a 404 in the project's error body.
 */
const CLIENT_ROUTE = /^\/(?:search|trace\/[^/]+|map|compare)?\/*$/;

/**
 * The web UI's static files from `uiDir` at `/`, and the single-page-app fallback: a GET of one of the UI's deep
 * links (/trace/<id>, /search?service=x, /map, /compare) answers index.html so the UI's router takes over. Without an
 * index.html in `uiDir` those requests answer 503 with UI_NOT_BUILT. Every other unknown route, API routes and missing
 * files included, answers 404 `{"error": {"code": "SB_NOT_FOUND", ...}}`. Call once, on the query server's root.
 */
export async function registerUi(app: FastifyInstance, uiDir: string): Promise<void> {
  const built = existsSync(join(uiDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: uiDir, wildcard: true, index: ['index.html'] });
  else app.get('/', (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send(UI_NOT_BUILT));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !CLIENT_ROUTE.test(path)) return answerUnknownRoute(request, reply);
    if (!built) return reply.code(503).type('text/plain; charset=utf-8').send(UI_NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
