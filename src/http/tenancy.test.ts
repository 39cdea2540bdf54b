import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { PipelineError } from '../errors.js';
import { createTenancy, requestTenant, requireTenant } from './tenancy.js';

const tenancy = createTenancy({ header: 'X-Scope-OrgID', tenants: ['acme', 'globex'], rate_limit: { spans_per_second: 2.5 } });

test('the header names an allowed tenant; none is SB_TENANT_MISSING, another or several SB_TENANT_UNKNOWN', () => {
  assert.equal(tenancy.header, 'x-scope-orgid');
  assert.equal(tenancy.tenantOf('acme'), 'acme');
  assert.equal(tenancy.tenantOf(['globex']), 'globex', 'gRPC metadata gives a list');
  const code = (value: string | string[] | undefined) => {
    try {
      tenancy.tenantOf(value);
      return 'admitted';
    } catch (e) {
      return e instanceof PipelineError ? e.code : 'other';
    }
  };
  assert.equal(code(undefined), 'SB_TENANT_MISSING');
  assert.equal(code(''), 'SB_TENANT_MISSING');
  assert.equal(code([]), 'SB_TENANT_MISSING');
  assert.equal(code('initech'), 'SB_TENANT_UNKNOWN');
  assert.equal(code('ACME'), 'SB_TENANT_UNKNOWN', 'tenant names are compared exactly');
  assert.equal(code(['acme', 'globex']), 'SB_TENANT_UNKNOWN');
  assert.equal(code('acme, globex'), 'SB_TENANT_UNKNOWN', 'a repeated HTTP header arrives joined');
});

test('the burst defaults to one second of the rate, at least one span', () => {
  assert.deepEqual(tenancy.rateLimit, { spansPerSecond: 2.5, burst: 3 });
  assert.deepEqual(createTenancy({ header: 'h', tenants: ['a'], rate_limit: { spans_per_second: 0.1 } }).rateLimit, { spansPerSecond: 0.1, burst: 1 });
  assert.equal(createTenancy({ header: 'h', tenants: ['a'] }).rateLimit, undefined);
});

test('requireTenant: 401 and 403 before the route runs, the admitted tenant for the route, preflights and other paths open', async () => {
  const app = Fastify();
  let ran = 0;
  requireTenant(app, tenancy, { appliesTo: (path) => path.startsWith('/api/') });
  app.get('/api/who', async (request) => {
    ran++;
    return { tenant: requestTenant(request) ?? null };
  });
  app.get('/page', async (request) => ({ tenant: requestTenant(request) ?? null }));
  app.options('/api/who', async () => 'preflight');
  const missing = await app.inject({ url: '/api/who' });
  assert.equal(missing.statusCode, 401);
  assert.match(missing.body, /a tenant is required: name it in the x-scope-orgid header/);
  const unknown = await app.inject({ url: '/api/who', headers: { 'x-scope-orgid': 'initech' } });
  assert.equal(unknown.statusCode, 403);
  assert.doesNotMatch(unknown.body, /initech/, 'the refused name is not echoed');
  assert.equal(ran, 0);
  assert.deepEqual((await app.inject({ url: '/api/who?x=1', headers: { 'X-Scope-OrgID': 'globex' } })).json(), { tenant: 'globex' });
  assert.deepEqual((await app.inject({ url: '/page' })).json(), { tenant: null });
  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/who', headers: { origin: 'https://x.example', 'access-control-request-method': 'GET' } });
  assert.equal(preflight.statusCode, 200);
  await app.close();
});
