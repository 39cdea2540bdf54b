// CORS on the query server (docs/security.md, "Browsers on other origins"): off unless `query.cors.allowed_origins`
// lists origins; then only those get Access-Control-Allow-Origin, through @fastify/cors. The APIs are read-only, so
// only GET and HEAD are offered.
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { QueryCorsConfig } from './config.js';

/** An allowed origin as @fastify/cors matches it: exact, or a RegExp for a pattern with `*` (`https://*.example.com`). */
function originMatcher(origin: string): string | RegExp {
  if (!origin.includes('*')) return origin;
  const pattern = origin.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${pattern}$`);
}

/** Answers CORS for `cors.allowed_origins`; does nothing when the list is empty (no cross-origin access at all). */
export async function registerCors(app: FastifyInstance, cors: QueryCorsConfig): Promise<void> {
  if (cors.allowed_origins.length === 0) return;
  await app.register(fastifyCors, {
    origin: cors.allowed_origins.includes('*') ? '*' : cors.allowed_origins.map(originMatcher),
    methods: ['GET', 'HEAD'],
    allowedHeaders: cors.allowed_headers,
    credentials: cors.allow_credentials,
    ...(cors.max_age > 0 ? { maxAge: cors.max_age } : {}),
  });
}
