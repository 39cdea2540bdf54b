// The top-level `tenancy` section (docs/security.md, "Tenants"): which header names the tenant, which tenants exist,
// the tenant of transports that carry no header, and each tenant's ingest rate. Tenant names become part of file
// names (one store per tenant), so the schema keeps them to a safe alphabet.
import { Type, type Static } from '@sinclair/typebox';
import { configObject } from './configSchema.js';

/** What a tenant name may hold: it names a database file, so no dots, slashes or spaces. */
export const TENANT_NAME_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

const tenantName = (description: string) => Type.String({ pattern: TENANT_NAME_PATTERN, description });

export const tenancyConfigSchema = configObject(
  {
    enabled: Type.Boolean({ default: false, description: 'require a tenant on every receiver and query request, and keep each tenant apart' }),
    header: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$', default: 'x-scope-orgid', description: 'HTTP header (gRPC metadata key) that names the tenant, matched without regard to case' }),
    tenants: Type.Array(tenantName('an allowed tenant'), { default: [], uniqueItems: true, maxItems: 100, description: 'the allowed tenants (each has a database and a writer thread of its own); any other is refused with 403' }),
    headerless_tenant: Type.Optional(tenantName('the tenant of transports that carry no header (UDP: the Jaeger agent and X-Ray daemon protocols; the awsxray_poller receiver); without it, tenancy refuses such receivers')),
    rate_limit: Type.Optional(
      configObject(
        {
          spans_per_second: Type.Number({ exclusiveMinimum: 0, description: 'spans each tenant may send per second, on average' }),
          burst: Type.Optional(Type.Integer({ minimum: 1, description: 'spans a tenant may send at once after a quiet spell (default: one second of spans_per_second)' })),
        },
        { description: 'per-tenant ingest limit, a token bucket per tenant; a request over it is refused with 429 and Retry-After' },
      ),
    ),
  },
  { default: {} },
);

export type TenancyConfig = Static<typeof tenancyConfigSchema>;
