// Tenancy on listeners (docs/security.md, "Tenants"): the tenant a request names in the tenancy header (gRPC metadata
// under the same key), the Fastify hook that refuses a request naming none (401) or one not allowed (403) before its
// body is read or a route runs, and the gRPC interceptor that does the same for calls. Every receiver and the query
// APIs install these where they install authentication, after it.
import { ServerInterceptingCall, status, type Metadata, type ServerInterceptor } from '@grpc/grpc-js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PipelineError } from '../errors.js';
import type { TraceBatch } from '../model/span.js';

export interface Tenancy {
  /** The header (and gRPC metadata key) naming the tenant, lower case. */
  readonly header: string;
  /** The allowed tenants. */
  readonly tenants: readonly string[];
  /** The tenant of transports that carry no header (UDP, the X-Ray poller), when configured. */
  readonly headerlessTenant: string | undefined;
  /** Each tenant's ingest rate, when limited (src/pipeline/tenantAdmission.ts applies it). */
  readonly rateLimit: { spansPerSecond: number; burst: number } | undefined;
  /** The tenant a header value names; throws SB_TENANT_MISSING (none) or SB_TENANT_UNKNOWN (not allowed, or several). */
  tenantOf(value: string | readonly string[] | undefined): string;
}

export interface TenancySettings {
  header: string;
  tenants: readonly string[];
  headerless_tenant?: string | undefined;
  rate_limit?: { spans_per_second: number; burst?: number | undefined } | undefined;
}

export function createTenancy(settings: TenancySettings): Tenancy {
  const header = settings.header.toLowerCase();
  const allowed = new Set(settings.tenants);
  return {
    header,
    tenants: [...settings.tenants],
    headerlessTenant: settings.headerless_tenant,
    rateLimit: settings.rate_limit && {
      spansPerSecond: settings.rate_limit.spans_per_second,
      burst: settings.rate_limit.burst ?? Math.max(1, Math.ceil(settings.rate_limit.spans_per_second)),
    },
    tenantOf(given) {
      const value = Array.isArray(given) && given.length === 1 ? (given[0] as string) : given;
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
        throw new PipelineError('SB_TENANT_MISSING', `a tenant is required: name it in the ${header} header`);
      }
      if (typeof value !== 'string') throw new PipelineError('SB_TENANT_UNKNOWN', `the ${header} header is given ${value.length} times; name one tenant`);
      // The name is not echoed: it is the caller's input and says nothing the caller does not know.
      if (!allowed.has(value.trim())) throw new PipelineError('SB_TENANT_UNKNOWN', `the tenant named in the ${header} header is not allowed`);
      return value.trim();
    },
  };
}

const requestTenants = new WeakMap<FastifyRequest, string>();

/** The tenant `requireTenant` admitted the request for; undefined when tenancy is off. */
export function requestTenant(request: FastifyRequest): string | undefined {
  return requestTenants.get(request);
}

/** Gives the batch the tenant it was received for (none when tenancy is off); the pipeline keeps tenants apart by it. */
export function stampTenant(batch: TraceBatch, tenant: string | undefined): TraceBatch {
  if (tenant !== undefined) batch.tenant = tenant;
  return batch;
}

function plainTextRefusal(_request: FastifyRequest, reply: FastifyReply, err: PipelineError): FastifyReply {
  return reply.code(err.httpStatus).type('text/plain; charset=utf-8').send(err.message);
}

export interface RequireTenantOptions {
  /** Answers a refusal in the listener's protocol (as requireAuthentication's `refuse`). Default: plain text. */
  refuse?: (request: FastifyRequest, reply: FastifyReply, err: PipelineError) => FastifyReply;
  /** Which paths (without the query string) need a tenant; default all. The query port leaves the UI's files open. */
  appliesTo?: (path: string) => boolean;
}

/**
 * Refuses every request to `app` without an allowed tenant (SB_TENANT_MISSING 401, SB_TENANT_UNKNOWN 403) before the
 * body is read or a route runs, and remembers the tenant of the others for `requestTenant`. CORS preflights pass (a
 * browser sends no custom header with them). Call before the server listens, after requireAuthentication.
 */
export function requireTenant(app: FastifyInstance, tenancy: Tenancy, options: RequireTenantOptions = {}): void {
  const refuse = options.refuse ?? plainTextRefusal;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined) return;
    if (options.appliesTo && !options.appliesTo(request.url.split('?', 1)[0] ?? '')) return;
    try {
      requestTenants.set(request, tenancy.tenantOf(request.headers[tenancy.header]));
    } catch (e) {
      if (!(e instanceof PipelineError)) throw e;
      return refuse(request, reply, e);
    }
  });
}

/** The tenant gRPC metadata names (the interceptor has admitted it); undefined when tenancy is off. */
export function metadataTenant(metadata: Metadata, tenancy: Tenancy | undefined): string | undefined {
  if (tenancy === undefined) return undefined;
  return tenancy.tenantOf(metadata.get(tenancy.header).filter((v): v is string => typeof v === 'string'));
}

/** Refuses a call without an allowed tenant in its metadata: UNAUTHENTICATED (none) or PERMISSION_DENIED (not allowed). */
export function grpcTenantInterceptor(tenancy: Tenancy): ServerInterceptor {
  return (_method, call) =>
    new ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata: Metadata, proceed: (metadata: Metadata) => void) {
            try {
              metadataTenant(metadata, tenancy);
            } catch (e) {
              if (!(e instanceof PipelineError)) throw e;
              call.sendStatus({ code: e.code === 'SB_TENANT_MISSING' ? status.UNAUTHENTICATED : status.PERMISSION_DENIED, details: e.message });
              return;
            }
            proceed(metadata);
          },
        });
      },
    });
}
