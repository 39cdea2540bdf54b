import { ApiError } from './apiError.js';
import { errorBody } from './nativeSchemas.js';
import type { Schema } from './schema.js';
import { SchemaError } from './schema.js';
import { tenantHeaders } from './tenant.js';

/** What a refusal for want of credentials says (docs/security.md, "The web UI"). */
export const SIGN_IN_NEEDED = 'Signing in is needed: the query server asks for credentials. Reload the page to sign in.';

/** What a refusal for want of a tenant says (docs/security.md, "Tenants"). */
export const TENANT_NEEDED = 'A tenant is needed: the query server keeps tenants apart. Open the UI for one by adding ?tenant=NAME to its address.';

/**
 * GETs `url` and parses the JSON body with `schema` (the client edge: nothing past here sees unchecked data).
 * Non-2xx answers become an ApiError carrying the API's `{"error": {code, message}}`; a body that does not match the
 * schema becomes an ApiError naming the path that failed. Requests go to the UI's own origin with its credentials
 * (the Basic credentials the browser asked for on the page load, or a proxy's header) and the tenant's header when
 * the UI was opened for a tenant (tenant.ts), and a 401 says to sign in.
 */
export async function fetchJson<T>(url: string, schema: Schema<T>, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, credentials: 'same-origin', headers: { accept: 'application/json', ...tenantHeaders() } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'NETWORK', `The query server could not be reached (${err instanceof Error ? err.message : String(err)}).`);
  }
  const text = await res.text();
  if (res.status === 401) {
    if (text.includes('"SB_TENANT_MISSING"')) throw new ApiError(401, 'SB_TENANT_MISSING', TENANT_NEEDED);
    throw new ApiError(401, 'SB_UNAUTHENTICATED', SIGN_IN_NEEDED);
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, res.ok ? 'BAD_RESPONSE' : '', res.ok ? `${url} did not answer JSON.` : `${res.status} ${res.statusText}`);
  }
  if (!res.ok) {
    try {
      const { error } = errorBody(body, 'error');
      throw new ApiError(res.status, error.code, error.message);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(res.status, '', `${res.status} ${res.statusText}`.trim());
    }
  }
  try {
    return schema(body, 'response');
  } catch (err) {
    if (err instanceof SchemaError) throw new ApiError(res.status, 'BAD_RESPONSE', `Unexpected answer from ${url}: ${err.message}`);
    throw err;
  }
}
