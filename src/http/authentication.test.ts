import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { challengeOf, credentialsFor, matchesSecret, requireAuthentication, secretDigest, type HttpAuthenticator } from './authentication.js';
import { createHttpServer } from './httpServer.js';

/** Accepts exactly `Bearer letmein`, and counts what it was asked. */
function fakeAuthenticator(scheme: 'Basic' | 'Bearer' = 'Bearer') {
  const asked: Array<string | undefined> = [];
  const authenticator: HttpAuthenticator = {
    scheme,
    async authenticate(authorization) {
      asked.push(authorization);
      return credentialsFor(authorization, 'Bearer') === 'letmein';
    },
  };
  return { authenticator, asked };
}

describe('requireAuthentication', () => {
  test('refuses requests without accepted credentials with 401, the challenge and SB_UNAUTHENTICATED, before any route', async () => {
    const { authenticator } = fakeAuthenticator();
    const app = createHttpServer();
    let routeRan = 0;
    app.post('/in', async () => {
      routeRan++;
      return { ok: true };
    });
    requireAuthentication(app, authenticator);
    const missing = await app.inject({ method: 'POST', url: '/in', payload: { a: 1 } });
    assert.equal(missing.statusCode, 401);
    assert.equal(missing.headers['www-authenticate'], 'Bearer realm="spanbridge"');
    assert.equal(missing.body, 'authentication required');
    const wrong = await app.inject({ method: 'POST', url: '/in', headers: { authorization: 'Bearer nope' }, payload: { a: 1 } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.body, 'the credentials were not accepted');
    assert.equal((await app.inject({ method: 'GET', url: '/no/such/path' })).statusCode, 401, 'unknown paths reveal nothing');
    assert.equal(routeRan, 0);
    const right = await app.inject({ method: 'POST', url: '/in', headers: { authorization: 'bearer letmein' }, payload: { a: 1 } });
    assert.equal(right.statusCode, 200);
    assert.equal(routeRan, 1);
    await app.close();
  });

  test('a refusal renders in the listener protocol; open paths and CORS preflights are not asked for credentials', async () => {
    const { authenticator, asked } = fakeAuthenticator('Basic');
    const app = createHttpServer();
    app.get('/healthz', async () => 'ok');
    app.get('/metrics', async () => 'secret');
    requireAuthentication(app, authenticator, {
      openPaths: ['/healthz'],
      refuse: (_request, reply, err) => reply.code(err.httpStatus).send({ error: { code: err.code, message: err.message } }),
    });
    assert.equal((await app.inject({ method: 'GET', url: '/healthz?x=1' })).statusCode, 200);
    const refused = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['www-authenticate'], 'Basic realm="spanbridge", charset="UTF-8"');
    assert.deepEqual(refused.json(), { error: { code: 'SB_UNAUTHENTICATED', message: 'authentication required' } });
    const preflight = await app.inject({ method: 'OPTIONS', url: '/metrics', headers: { origin: 'https://a.example', 'access-control-request-method': 'GET' } });
    assert.notEqual(preflight.statusCode, 401);
    assert.deepEqual(asked, [undefined], 'asked only for the one protected request');
    await app.close();
  });
});

test('credentialsFor takes the credentials of the named scheme, in any case, and nothing else', () => {
  assert.equal(credentialsFor('Bearer abc', 'Bearer'), 'abc');
  assert.equal(credentialsFor('  bEaReR   abc  ', 'Bearer'), 'abc');
  assert.equal(credentialsFor('Basic YTpi', 'Bearer'), undefined);
  assert.equal(credentialsFor('Bearer', 'Bearer'), undefined);
  assert.equal(credentialsFor('Bearer ', 'Bearer'), undefined);
  assert.equal(credentialsFor(undefined, 'Basic'), undefined);
  assert.equal(credentialsFor('Basicabc', 'Basic'), undefined);
});

test('matchesSecret finds a secret among several, and only an exact one', () => {
  const expected = ['old-token', 'new-token'].map((t) => secretDigest(t));
  assert.equal(matchesSecret('new-token', expected), true);
  assert.equal(matchesSecret('old-token', expected), true);
  assert.equal(matchesSecret('new-toke', expected), false);
  assert.equal(matchesSecret('new-tokenx', expected), false);
  assert.equal(matchesSecret('', expected), false);
  assert.equal(matchesSecret('anything', []), false);
});

test('challenges name the scheme and the realm', () => {
  assert.equal(challengeOf({ scheme: 'Basic', authenticate: async () => false }), 'Basic realm="spanbridge", charset="UTF-8"');
  assert.equal(challengeOf({ scheme: 'Bearer', authenticate: async () => false }), 'Bearer realm="spanbridge"');
});
