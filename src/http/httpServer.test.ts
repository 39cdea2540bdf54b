import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHttpReceiverServer, createHttpServer, fastifyAddress, fastifyClientError, listenAt, takeBody, type HttpServerOptions } from './httpServer.js';

test('listenAt binds the endpoint and answers the host:port it got, IPv6 in brackets', async () => {
  const v4 = createHttpServer();
  const v6 = createHttpServer();
  try {
    const a = await listenAt(v4, '127.0.0.1:0');
    assert.match(a, /^127\.0\.0\.1:\d+$/);
    assert.notEqual(a, '127.0.0.1:0');
    assert.equal(fastifyAddress(v4), a);
    assert.match(await listenAt(v6, '[::1]:0'), /^\[::1\]:\d+$/);
  } finally {
    await v4.close();
    await v6.close();
  }
});

test('a receiver server hands bodies of any type to routes as raw Buffers and refuses more than the wire limit with 413', async () => {
  const app = createHttpReceiverServer({ maxRequestBodyBytes: 1024, maxDecompressedBytes: 4096 });
  app.post('/in', async (request) => ({ buffer: Buffer.isBuffer(request.body), text: Buffer.isBuffer(request.body) ? request.body.toString('utf8') : null }));
  const json = await app.inject({ method: 'POST', url: '/in', headers: { 'content-type': 'application/json' }, payload: '{"a":1}' });
  assert.deepEqual(json.json(), { buffer: true, text: '{"a":1}' });
  const proto = await app.inject({ method: 'POST', url: '/in', headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.from([1, 2, 3]) });
  assert.equal(proto.json().buffer, true);
  const big = await app.inject({ method: 'POST', url: '/in', headers: { 'content-type': 'text/plain' }, payload: 'x'.repeat(1025) });
  assert.equal(big.statusCode, 413);
  await app.close();
});

test('takeBody gives the raw body once and leaves the request without it; no body reads as empty', async () => {
  const app = createHttpReceiverServer({ maxRequestBodyBytes: 1024, maxDecompressedBytes: 4096 });
  app.post('/in', async (request) => {
    const first = takeBody(request);
    return { first: first.toString('utf8'), left: request.body === undefined, second: takeBody(request).length };
  });
  const answer = await app.inject({ method: 'POST', url: '/in', headers: { 'content-type': 'application/json' }, payload: '{"a":1}' });
  assert.deepEqual(answer.json(), { first: '{"a":1}', left: true, second: 0 });
  const empty = await app.inject({ method: 'POST', url: '/in' });
  assert.deepEqual(empty.json(), { first: '', left: true, second: 0 });
  await app.close();
});

test("fastifyClientError tells Fastify's own 4xx refusals from server faults", async () => {
  const app = createHttpServer();
  let seen: unknown;
  app.setErrorHandler((error, _request, reply) => {
    seen = error;
    return reply.code(599).send();
  });
  app.post('/json', async () => ({}));
  await app.inject({ method: 'POST', url: '/json', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
  assert.equal(fastifyClientError(seen)?.statusCode, 400);
  await app.close();
  const tooLarge = Object.assign(new Error('body is too large'), { statusCode: 413 });
  assert.equal(fastifyClientError(tooLarge), tooLarge);
  assert.equal(fastifyClientError(Object.assign(new Error('boom'), { statusCode: 500 })), undefined);
  assert.equal(fastifyClientError(new Error('no status')), undefined);
  assert.equal(fastifyClientError({ statusCode: 400, message: 'not an Error' }), undefined);
  assert.equal(fastifyClientError(null), undefined);
});

test('an API server parses JSON bodies and takes path parameters up to maxParamLength', async () => {
  const app = createHttpServer({ maxParamLength: 300 });
  app.post('/echo', async (request) => request.body);
  app.get('/p/:id', async (request) => ({ length: (request.params as { id: string }).id.length }));
  assert.deepEqual((await app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } })).json(), { a: 1 });
  assert.deepEqual((await app.inject({ method: 'GET', url: `/p/${'a'.repeat(300)}` })).json(), { length: 300 });
  assert.equal((await app.inject({ method: 'GET', url: `/p/${'a'.repeat(301)}` })).statusCode, 414);
  await app.close();
});

/** A server whose one route holds its request until `release` is called. */
async function heldRequest(options: HttpServerOptions) {
  const app = createHttpServer(options);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived = () => {};
  const inFlight = new Promise<void>((resolve) => (arrived = resolve));
  app.get('/hold', async () => {
    arrived();
    await released;
    return { done: true };
  });
  const address = await listenAt(app, '127.0.0.1:0');
  const response = fetch(`http://${address}/hold`).then(
    async (r) => ({ status: r.status, body: await r.text() }),
    (e: unknown) => ({ error: e }),
  );
  await inFlight;
  return { app, release, response };
}

// Were close to wait on the held request, the test would hang: the timeout turns that into a failure.
test('closing cuts requests in flight by default, so shutdown does not wait on them', { timeout: 20_000 }, async () => {
  const { app, release, response } = await heldRequest({});
  await app.close();
  assert.ok('error' in (await response), 'the held request was cut');
  release();
});

test("closeConnections 'idle' lets a request in flight finish before the server closes", { timeout: 20_000 }, async () => {
  const { app, release, response } = await heldRequest({ closeConnections: 'idle' });
  const closed = app.close();
  release();
  assert.deepEqual(await response, { status: 200, body: '{"done":true}' });
  await closed;
});
