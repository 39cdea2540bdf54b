import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { test } from 'node:test';
import { captureLog } from '../../test/support/captureLog.js';
import { credentialsFor, type HttpAuthenticator } from '../http/authentication.js';
import { createProbeServer, type ProbeServerOptions } from './probeServer.js';

/** Accepts exactly `Bearer letmein`. */
const bearer: HttpAuthenticator = {
  scheme: 'Bearer',
  authenticate: async (authorization) => credentialsFor(authorization, 'Bearer') === 'letmein',
};

async function started(options: Omit<ProbeServerOptions, 'logger'>) {
  const log = captureLog();
  const server = createProbeServer({ ...options, logger: log.logger });
  const base = `http://${await server.listen('127.0.0.1', 0)}`;
  return { server, base, log };
}

test('GET and HEAD run a route; any other method or path is 404 with the project error body', async () => {
  const { server, base } = await started({ routes: { '/healthz': () => ({ status: 200, body: { status: 'ok' } }) } });
  try {
    const ok = await fetch(`${base}/healthz?verbose=1`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(await ok.json(), { status: 'ok' });
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String('{"status":"ok"}'.length));
    assert.equal(await head.text(), '');
    const post = await fetch(`${base}/healthz`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 404);
    assert.deepEqual(await post.json(), { error: { code: 'SB_NOT_FOUND', message: 'no route POST /healthz' } });
    const unknown = await fetch(`${base}/nope?a=b`);
    assert.deepEqual(await unknown.json(), { error: { code: 'SB_NOT_FOUND', message: 'no route GET /nope' } });
  } finally {
    await server.close();
  }
});

test('with an authenticator: open paths answer without credentials, others (unknown ones too) need accepted ones', async () => {
  const { server, base } = await started({
    routes: { '/healthz': () => ({ status: 200, body: 'up', contentType: 'text/plain' }), '/metrics': () => ({ status: 200, body: 'm 1', contentType: 'text/plain' }) },
    authenticator: bearer,
    openPaths: ['/healthz'],
  });
  try {
    assert.equal(await (await fetch(`${base}/healthz`)).text(), 'up');
    const missing = await fetch(`${base}/metrics`);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="spanbridge"');
    assert.equal(await missing.text(), 'authentication required');
    const wrong = await fetch(`${base}/nope`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(await wrong.text(), 'the credentials were not accepted');
    const right = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer letmein' } });
    assert.equal(right.status, 200);
    assert.equal(await right.text(), 'm 1');
  } finally {
    await server.close();
  }
});

test('a route that fails is answered 500 and logged, and the server keeps serving', async () => {
  let fail = true;
  const { server, base, log } = await started({
    routes: {
      '/metrics': async () => {
        if (fail) throw new Error('registry broke');
        return { status: 200, body: 'fine', contentType: 'text/plain' };
      },
    },
  });
  try {
    const failed = await fetch(`${base}/metrics`);
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), { error: { code: 'SB_INTERNAL', message: 'registry broke' } });
    assert.ok(log.records().some((r) => r.msg === 'a telemetry route failed' && (r.err as { message: string }).message === 'registry broke'));
    fail = false;
    assert.equal(await (await fetch(`${base}/metrics`)).text(), 'fine');
  } finally {
    await server.close();
  }
});

test('close lets a request in flight finish, answers 503 on its kept-alive connection after, and stops listening', async () => {
  let release: () => void = () => undefined;
  const slow = new Promise<void>((r) => (release = r));
  const { server, base } = await started({
    routes: {
      '/metrics': async () => {
        await slow;
        return { status: 200, body: 'late', contentType: 'text/plain' };
      },
      '/healthz': () => ({ status: 200, body: { status: 'ok' } }),
    },
  });
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    const inFlight = get('/metrics');
    const queued = get('/healthz');
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close();
    release();
    assert.deepEqual(await inFlight, { status: 200, body: 'late' });
    assert.equal((await queued).status, 503);
    await closed;
    await assert.rejects(fetch(`${base}/healthz`));
  } finally {
    agent.destroy();
  }
});
