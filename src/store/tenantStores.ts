// One store per tenant (docs/security.md, "Tenants"): with tenancy on, every allowed tenant has a database file of
// its own, so traces, catalogues, dependency graphs and everything the query APIs read are apart by construction.
import { basename, dirname, extname, join } from 'node:path';
import type { TraceStore } from './store.js';

const MEMORY_PATH = ':memory:';

/**
 * The database file of a tenant: the tenant's name before the extension of `storage.sqlite.path`
 * (`data/spanbridge.db` -> `data/spanbridge.acme.db`); `:memory:` stays in memory (a connection of its own). Tenant
 * names are restricted by the config schema to letters, digits, `_` and `-`, so the name cannot leave the folder.
 */
export function tenantStorePath(path: string, tenant: string): string {
  if (path === MEMORY_PATH) return path;
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.${tenant}${ext}`);
}

export interface TenantStores {
  /** The store of an allowed tenant; undefined for any other name. */
  storeOf(tenant: string): TraceStore | undefined;
  readonly stores: ReadonlyMap<string, TraceStore>;
}
