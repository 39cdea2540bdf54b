// Who gets at the query server: CORS (off unless origins are listed) and authentication over the APIs and the UI.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { credentialsFor, type HttpAuthenticator } from '../http/authentication.js';
import { createQueryServer, type QueryServer } from './createQueryServer.js';
import type { QueryCorsConfig } from './config.js';
import { sampleStore } from '../../test/query/sampleStore.js';

const logger = pino({ level: 'silent' });
const reader = sampleStore();
before(() => reader.seed());
after(() => reader.close());

const cors = (over: Partial<QueryCorsConfig>): QueryCorsConfig => ({ allowed_origins: [], allowed_headers: [], allow_credentials: false, max_age: 0, ...over });
const basicAlice: HttpAuthenticator = { scheme: 'Basic', authenticate: async (a) => credentialsFor(a, 'Basic') === Buffer.from('alice:pw').toString('base64') };

async function withServer(options: Partial<Parameters<typeof createQueryServer>[0]>, fn: (url: (path: string) => string) => Promise<void>): Promise<void> {
  const server: QueryServer = await createQueryServer({ endpoint: '127.0.0.1:0', reader, logger, ...options });
  try {
    await fn((path) => `http://${server.address}${path}`);
  } finally {
    await server.close();
  }
}

function preflight(url: string, origin: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', ...headers } });
}

describe('query server CORS', () => {
  test('off by default: no origin is allowed and there is no preflight answer', async () => {
    await withServer({}, async (url) => {
      const res = await fetch(url('/api/v1/services'), { headers: { origin: 'https://grafana.example.com' } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal((await preflight(url('/api/v1/services'), 'https://grafana.example.com')).headers.get('access-control-allow-origin'), null);
    });
    await withServer({ cors: cors({}) }, async (url) => {
      assert.equal((await fetch(url('/api/v1/services'), { headers: { origin: 'https://grafana.example.com' } })).headers.get('access-control-allow-origin'), null);
    });
  });

  test('listed origins (exact or with a * pattern) are allowed, with credentials as configured; others are refused', async () => {
    await withServer({ cors: cors({ allowed_origins: ['https://grafana.example.com', 'https://*.tools.example.com'], allowed_headers: ['Authorization'], allow_credentials: true, max_age: 600 }) }, async (url) => {
      const allowed = await fetch(url('/api/v1/services'), { headers: { origin: 'https://grafana.example.com' } });
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://grafana.example.com');
      assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
      const pre = await preflight(url('/api/v1/services'), 'https://ui.tools.example.com', { 'access-control-request-headers': 'authorization' });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), 'https://ui.tools.example.com');
      assert.equal(pre.headers.get('access-control-allow-methods'), 'GET, HEAD');
      assert.equal(pre.headers.get('access-control-allow-headers'), 'Authorization');
      assert.equal(pre.headers.get('access-control-max-age'), '600');
      for (const origin of ['https://evil.example.com', 'https://grafana.example.com.evil.net', 'https://a.b.tools.example.com.evil', 'http://grafana.example.com']) {
        assert.equal((await fetch(url('/api/v1/services'), { headers: { origin } })).headers.get('access-control-allow-origin'), null, origin);
        assert.equal((await preflight(url('/api/v1/services'), origin)).headers.get('access-control-allow-origin'), null, origin);
      }
    });
  });

  test('* allows any origin, without credentials', async () => {
    await withServer({ cors: cors({ allowed_origins: ['*'] }) }, async (url) => {
      const res = await fetch(url('/api/v1/services'), { headers: { origin: 'https://anyone.example' } });
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    });
  });
});

describe('query server authentication', () => {
  test('the APIs and the UI answer 401 with a Basic challenge and the native error body; the right credentials get in', async () => {
    await withServer({ authenticator: basicAlice }, async (url) => {
      for (const path of ['/api/v1/services', '/api/services', '/', '/trace/abc']) {
        const res = await fetch(url(path));
        assert.equal(res.status, 401, path);
        assert.equal(res.headers.get('www-authenticate'), 'Basic realm="spanbridge", charset="UTF-8"');
        assert.deepEqual(await res.json(), { error: { code: 'SB_UNAUTHENTICATED', message: 'authentication required' } });
      }
      const wrong = await fetch(url('/api/v1/services'), { headers: { authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` } });
      assert.equal(wrong.status, 401);
      const right = await fetch(url('/api/v1/services'), { headers: { authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` } });
      assert.equal(right.status, 200);
    });
  });

  test('with CORS and auth, a preflight passes without credentials and a refusal still carries the CORS headers', async () => {
    await withServer({ authenticator: basicAlice, cors: cors({ allowed_origins: ['https://grafana.example.com'], allowed_headers: ['Authorization'], allow_credentials: true }) }, async (url) => {
      const pre = await preflight(url('/api/v1/services'), 'https://grafana.example.com', { 'access-control-request-headers': 'authorization' });
      assert.equal(pre.status, 204);
      const refused = await fetch(url('/api/v1/services'), { headers: { origin: 'https://grafana.example.com' } });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('access-control-allow-origin'), 'https://grafana.example.com');
    });
  });
});
