import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { guardHosts, guardIngestOrigins, type Refuse } from './originGuard.js';

const refuse: Refuse = (_request, reply, err) => reply.code(err.httpStatus).send({ code: err.code });

describe('guardIngestOrigins', () => {
  test('origins: exact, one wildcard, or any; others 403; preflights of listed ones 204', async () => {
    const app = Fastify();
    guardIngestOrigins(app, { allowed_origins: ['https://app.example', 'https://*.example.com'], allowed_headers: ['X-Tenant'], max_age: 60 }, refuse);
    app.post('/spans', async () => 'ok');
    const post = (origin: string | undefined, type = 'application/json') => app.inject({ method: 'POST', url: '/spans', headers: { 'content-type': type, ...(origin === undefined ? {} : { origin }) }, payload: '{}' });
    assert.equal((await post(undefined)).statusCode, 200);
    assert.equal((await post('https://app.example')).headers['access-control-allow-origin'], 'https://app.example');
    assert.equal((await post('https://ui.example.com')).statusCode, 200);
    assert.equal((await post('https://example.com')).statusCode, 403);
    assert.equal((await post('https://ui.example.com.evil')).statusCode, 403);
    assert.equal((await post('null')).statusCode, 403);
    assert.equal((await post(undefined, 'text/plain;charset=UTF-8')).statusCode, 415);
    const preflight = await app.inject({ method: 'OPTIONS', url: '/spans', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-headers'], 'content-type, content-encoding, x-tenant');
    assert.equal(preflight.headers['access-control-max-age'], '60');
    await app.close();
  });
});

describe('guardHosts', () => {
  test('defaults to the loopback names; a configured list replaces them; * allows any', async () => {
    const make = async (allowed: string[] | undefined) => {
      const app = Fastify();
      guardHosts(app, allowed, refuse);
      app.get('/', async () => 'ok');
      await app.ready();
      return app;
    };
    const get = async (app: Awaited<ReturnType<typeof make>>, host: string) => (await app.inject({ method: 'GET', url: '/', headers: { host } })).statusCode;
    const byDefault = await make(undefined);
    for (const host of ['localhost', 'LOCALHOST:16686', '127.0.0.1:1', '[::1]:16686']) assert.equal(await get(byDefault, host), 200, host);
    assert.equal(await get(byDefault, 'evil.example:16686'), 403);
    assert.equal(await get(byDefault, '127.0.0.1.nip.io'), 403);
    const configured = await make(['traces.example', '::1']);
    assert.equal(await get(configured, 'traces.example:80'), 200);
    assert.equal(await get(configured, '[::1]:80'), 200);
    assert.equal(await get(configured, 'localhost'), 403);
    assert.equal(await get(await make(['*']), 'anything.example'), 200);
  });
});
