import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fetchJson } from './fetchJson.js';
import { servicesResponse } from './nativeSchemas.js';
import { initTenant, tenantOf } from './tenant.js';

// A real HTTP server answering with the services of the tenant the request names, as the query server does.
const server = createServer((req, res) => {
  const tenant = req.headers['x-scope-orgid'];
  res.writeHead(tenant === undefined ? 401 : 200, { 'content-type': 'application/json' });
  res.end(tenant === undefined ? '{"error":{"code":"SB_TENANT_MISSING","message":"a tenant is required"}}' : JSON.stringify({ services: [`${String(tenant)}-frontend`] }));
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the tenant of the UI', () => {
  test('?tenant= in the URL names it; without it, the one remembered for the tab', () => {
    expect(tenantOf('?tenant=acme', null)).toBe('acme');
    expect(tenantOf('?tenant=acme', 'globex')).toBe('acme');
    expect(tenantOf('?lookback=1h', 'globex')).toBe('globex');
    expect(tenantOf('', null)).toBeUndefined();
    expect(tenantOf('?tenant=', null)).toBeUndefined();
  });

  test('API calls carry the tenant header once the UI was opened for a tenant, and it is remembered for the tab', async () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
    initTenant('', storage);
    await expect(fetchJson(`${base}/api/v1/services`, servicesResponse)).rejects.toMatchObject({ status: 401, code: 'SB_TENANT_MISSING', message: expect.stringMatching(/\?tenant=NAME/) as unknown });
    initTenant('?tenant=acme', storage);
    expect(await fetchJson(`${base}/api/v1/services`, servicesResponse)).toEqual({ services: ['acme-frontend'] });
    initTenant('/search', storage);
    expect(await fetchJson(`${base}/api/v1/services`, servicesResponse)).toEqual({ services: ['acme-frontend'] });
  });
});
