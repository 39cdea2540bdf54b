// The tenant the UI's API calls name when the query server runs with tenancy (docs/security.md, "Tenants"): the
// `tenant` parameter of the URL the UI was opened with (`/?tenant=acme`), kept for the tab in sessionStorage so the
// UI's own navigation, which drops the parameter, keeps it. A reverse proxy may set the header instead.

/** The header the query server reads by default (`tenancy.header`); a proxy must set any other. */
export const TENANT_HEADER = 'x-scope-orgid';
const STORAGE_KEY = 'spanbridge.tenant';

let current: string | undefined;

/** The tenant `?tenant=` names in `search`, else the one remembered; undefined when neither names one. */
export function tenantOf(search: string, remembered: string | null): string | undefined {
  const named = new URLSearchParams(search).get('tenant')?.trim();
  if (named) return named;
  return remembered?.trim() || undefined;
}

/** Reads the tenant once at start (main.tsx) and remembers it for the tab. */
export function initTenant(search: string, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): void {
  current = tenantOf(search, storage?.getItem(STORAGE_KEY) ?? null);
  if (current !== undefined) storage?.setItem(STORAGE_KEY, current);
}

/** The headers every API call adds: the tenant's, when one is known. */
export function tenantHeaders(): Record<string, string> {
  return current === undefined ? {} : { [TENANT_HEADER]: current };
}
