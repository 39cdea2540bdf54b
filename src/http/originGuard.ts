// What keeps web pages out of a Spanbridge on localhost (docs/configuration.md, "Browsers"). A page may post to any
// address without asking the server first when its request is "simple" (a text/plain or form body), and it can read
// answers from a server it reached through DNS rebinding (its own host name resolving to 127.0.0.1). So ingest servers
// refuse requests from origins not listed in their `cors.allowed_origins` (the Collector's confighttp `cors` setting)
// and bodies of the types that skip the browser's preflight, and the query APIs answer only for the host names in
// `query.allowed_hosts`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { PipelineError } from '../errors.js';

/** A receiver's `cors` setting, as the Collector's confighttp has it. */
export const corsConfigSchema = configObject(
  {
    allowed_origins: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'origins whose pages may send here (one * wildcard each; "*" alone allows any)' }),
    allowed_headers: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'request headers a page may send besides Content-Type' }),
    max_age: Type.Integer({ minimum: 0, default: 0, description: 'seconds a browser may cache a preflight answer (0: its own default)' }),
  },
  { default: {}, description: 'web pages allowed to send here; requests from any other origin are refused with 403' },
);

export type CorsConfig = Static<typeof corsConfigSchema>;

/** `cors` with every default: for a listener whose key is present with no value (`http:`), which ajv cannot fill. */
export const CORS_DEFAULTS: CorsConfig = Object.freeze({ allowed_origins: [], allowed_headers: [], max_age: 0 });

/** The `cors` key every HTTP ingest listener's schema spreads in. */
export const corsProperty = { cors: corsConfigSchema };

/** Schema of `query.allowed_hosts`. */
export const allowedHostsSchema = Type.Optional(
  Type.Array(Type.String({ minLength: 1 }), {
    description: 'host names the query APIs answer for (default: localhost, 127.0.0.1, [::1] and the bound address); "*" allows any',
  }),
);

/** Writes a refusal in the server's own error shape. */
export type Refuse = (request: FastifyRequest, reply: FastifyReply, err: PipelineError) => FastifyReply;

/** Body types a browser sends cross-origin without a preflight (the Fetch standard's CORS-safelisted ones). */
const SIMPLE_BODY_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

function matchesOrigin(pattern: string, origin: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  const star = p.indexOf('*');
  if (star < 0) return p === origin;
  const prefix = p.slice(0, star);
  const suffix = p.slice(star + 1);
  return origin.length >= prefix.length + suffix.length && origin.startsWith(prefix) && origin.endsWith(suffix);
}

/**
 * Guards an ingest server (every route of `app`): a request with an `Origin` header is refused (SB_ORIGIN_NOT_ALLOWED,
 * 403) unless `cors.allowed_origins` lists that origin, a body of a type that skips the preflight is refused
 * (SB_UNSUPPORTED_MEDIA_TYPE, 415), and for the listed origins the CORS protocol is answered: preflights (OPTIONS)
 * with 204 and the allowed methods and headers, other answers with `Access-Control-Allow-Origin`. Requests without an
 * `Origin` (every sender that is not a browser) pass as before. `bodyTypesChecked`: the server's routes refuse those
 * body types already, in their own words (OTLP/HTTP takes only protobuf and JSON).
 */
export function guardIngestOrigins(app: FastifyInstance, cors: CorsConfig, refuse: Refuse, options: { bodyTypesChecked?: boolean } = {}): void {
  const checkBodyTypes = options.bodyTypesChecked !== true;
  const allowedHeaders = ['content-type', 'content-encoding', ...cors.allowed_headers.map((h) => h.toLowerCase())].join(', ');
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (!cors.allowed_origins.some((p) => matchesOrigin(p, origin.toLowerCase()))) {
        return refuse(request, reply, new PipelineError('SB_ORIGIN_NOT_ALLOWED', `requests from origin ${JSON.stringify(origin.slice(0, 200))} are not allowed here (list it in this receiver's cors.allowed_origins)`));
      }
      void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
        void reply.header('access-control-allow-methods', 'POST').header('access-control-allow-headers', allowedHeaders);
        if (cors.max_age > 0) void reply.header('access-control-max-age', String(cors.max_age));
        return reply.code(204).send();
      }
    }
    const type = checkBodyTypes ? ((request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '') : '';
    if (SIMPLE_BODY_TYPES.has(type)) {
      return refuse(request, reply, new PipelineError('SB_UNSUPPORTED_MEDIA_TYPE', `Content-Type ${type} is not accepted here (browsers send it cross-origin without asking first); send the body's own type`));
    }
    return undefined;
  });
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const UNSPECIFIED = new Set(['0.0.0.0', '::', '']);

/**
 * A host name without brackets or port, lower-cased: `[::1]:16686` -> `::1`, `Example.com:80` -> `example.com`,
 * `::1` -> `::1`.
 */
function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(1, end);
  }
  const colon = h.indexOf(':');
  // A bare IPv6 address (a configured name, never a Host header) has several colons and no port.
  return colon < 0 || h.indexOf(':', colon + 1) >= 0 ? h : h.slice(0, colon);
}

/**
 * Guards a server that serves reads (every route of `app`) against DNS rebinding: a request whose `Host` names a host
 * not in `allowedHosts` is refused (SB_HOST_NOT_ALLOWED, 403). Without `allowedHosts` the allowed names are localhost,
 * 127.0.0.1, [::1] and the address the server is bound to, unless that is every interface; `*` allows any host.
 * Requests without a Host header (not from a browser) pass.
 */
export function guardHosts(app: FastifyInstance, allowedHosts: readonly string[] | undefined, refuse: Refuse): void {
  const check = hostCheck(app, allowedHosts);
  app.addHook('onRequest', async (request, reply) => {
    const err = check(request.headers.host);
    return err === undefined ? undefined : refuse(request, reply, err);
  });
}

/**
 * The check guardHosts runs, for routes mounted on a server another component owns (the Zipkin query API on the
 * Zipkin receiver's port): undefined when `host` may be answered, else the refusal.
 */
export function hostCheck(app: FastifyInstance, allowedHosts: readonly string[] | undefined): (host: string | undefined) => PipelineError | undefined {
  let allowed: Set<string> | undefined;
  const anyHost = allowedHosts?.includes('*') === true;
  return (host) => {
    if (anyHost || host === undefined) return undefined;
    if (allowed === undefined) {
      // Read on first use: the bound address is known once the server listens.
      const bound = app.server.address();
      const names = allowedHosts ?? [...LOOPBACK_NAMES, ...(bound !== null && typeof bound === 'object' && !UNSPECIFIED.has(bound.address) ? [bound.address] : [])];
      allowed = new Set(names.map(hostName));
    }
    const name = hostName(host);
    if (allowed.has(name)) return undefined;
    return new PipelineError('SB_HOST_NOT_ALLOWED', `this server does not answer for host ${JSON.stringify(name.slice(0, 200))} (add it to query.allowed_hosts)`);
  };
}
