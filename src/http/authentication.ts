// What a listener asks of an authenticator extension (src/extensions: bearertokenauth, basicauth), and the Fastify
// hook that asks it before any route runs. gRPC listeners ask the same authenticator from grpcServerSecurity.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PipelineError } from '../errors.js';

/** The realm named in every challenge. */
export const AUTH_REALM = 'spanbridge';

export interface HttpAuthenticator {
  /** The HTTP authentication scheme it checks (RFC 9110 section 11), named in the 401's `WWW-Authenticate`. */
  readonly scheme: 'Basic' | 'Bearer';
  /**
   * Whether the value of an `Authorization` header (or of gRPC's `authorization` metadata) grants access. Resolves
   * false for a missing or malformed value; never rejects.
   */
  authenticate(authorization: string | undefined): Promise<boolean>;
}

/** The `WWW-Authenticate` value of a 401 from `authenticator` (RFC 7617 for Basic, RFC 6750 for Bearer). */
export function challengeOf(authenticator: HttpAuthenticator): string {
  return authenticator.scheme === 'Basic' ? `Basic realm="${AUTH_REALM}", charset="UTF-8"` : `Bearer realm="${AUTH_REALM}"`;
}

/**
 * The credentials after `scheme` in an Authorization value (`Bearer abc` -> `abc`); the scheme is matched without
 * regard to case (RFC 9110 section 11.1). Undefined when the value is absent or names another scheme.
 */
export function credentialsFor(authorization: string | undefined, scheme: 'Basic' | 'Bearer'): string | undefined {
  if (authorization === undefined) return undefined;
  const value = authorization.trim();
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space).toLowerCase() !== scheme.toLowerCase()) return undefined;
  const credentials = value.slice(space + 1).trim();
  return credentials === '' ? undefined : credentials;
}

/** The SHA-256 of a secret: what secretsEqual compares, so secrets of any length compare in the same time. */
export function secretDigest(secret: string | Buffer): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Whether `presented` is one of the secrets whose digests are `expected`, in a time that does not depend on either. */
export function matchesSecret(presented: string, expected: readonly Buffer[]): boolean {
  const digest = secretDigest(presented);
  let found = false;
  for (const e of expected) found = timingSafeEqual(digest, e) || found;
  return found;
}

export interface RequireAuthenticationOptions {
  /**
   * Answers a refused request in the listener's protocol (google.rpc.Status for OTLP, the native error JSON for the
   * query API, ...); `WWW-Authenticate` is already set. Default: plain text.
   */
  refuse?: (request: FastifyRequest, reply: FastifyReply, err: PipelineError) => FastifyReply;
  /** Paths that stay open (the telemetry server's health checks), compared without the query string. */
  openPaths?: readonly string[];
}

function plainTextRefusal(_request: FastifyRequest, reply: FastifyReply, err: PipelineError): FastifyReply {
  return reply.code(err.httpStatus).type('text/plain; charset=utf-8').send(err.message);
}

/** A CORS preflight: browsers never send credentials with one, so it is answered (or not) by the CORS settings. */
function isPreflight(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

/**
 * Refuses every request to `app` that `authenticator` does not accept with 401, `WWW-Authenticate` and
 * SB_UNAUTHENTICATED, before the body is read or a route runs (unknown paths included, so they reveal nothing). Call
 * before the server listens.
 */
export function requireAuthentication(app: FastifyInstance, authenticator: HttpAuthenticator, options: RequireAuthenticationOptions = {}): void {
  const refuse = options.refuse ?? plainTextRefusal;
  const open = new Set(options.openPaths ?? []);
  app.addHook('onRequest', async (request, reply) => {
    if (isPreflight(request) || open.has(request.url.split('?', 1)[0] ?? '')) return;
    const header = request.headers.authorization;
    if (await authenticator.authenticate(header)) return;
    void reply.header('www-authenticate', challengeOf(authenticator));
    return refuse(request, reply, new PipelineError('SB_UNAUTHENTICATED', header === undefined ? 'authentication required' : 'the credentials were not accepted'));
  });
}
