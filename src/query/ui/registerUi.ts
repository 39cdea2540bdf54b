import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../http/queryError.js';

export const UI_NOT_BUILT = 'The Spanbridge web UI was not built: run `npx vite build --config ui/vite.config.ts` (part of `npm ci`), then restart.\n';

/** Files a browser asks for by name; a miss is a 404, not the SPA page (which would arrive as HTML for a script). */
const ASSET = /\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|json|txt|woff2?|ttf|webmanifest)$/i;

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function apiNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const err = notFound(`no route ${request.method} ${request.url.split('?')[0]}`);
  return reply.code(404).send({ error: { code: err.code, message: err.message } });
}

/**
 * The web UI's static files from `uiDir` at `/`, and the single-page-app fallback: any other GET outside /api (deep
 * links such as /trace/<id>, /search?service=x, /map) answers index.html so the UI's router takes over. Without an
 * index.html in `uiDir` those requests answer 503 with UI_NOT_BUILT. Call once, on the query server's root.
 */
export async function registerUi(app: FastifyInstance, uiDir: string): Promise<void> {
  const built = existsSync(join(uiDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: uiDir, wildcard: true, index: ['index.html'] });
  else app.get('/', (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send(UI_NOT_BUILT));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApi(path) || ASSET.test(path)) return apiNotFound(request, reply);
    if (!built) return reply.code(503).type('text/plain; charset=utf-8').send(UI_NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
