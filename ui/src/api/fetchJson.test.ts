import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiError } from './apiError.js';
import { fetchJson } from './fetchJson.js';
import { servicesResponse } from './nativeSchemas.js';

// A real HTTP server on loopback answering the way the query server does (docs/api-native.md).
const server = createServer((req, res) => {
  const send = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
  if (req.url === '/ok') send(200, '{"services":["details","productpage"]}');
  else if (req.url === '/bad-shape') send(200, '{"services":[1]}');
  else if (req.url === '/not-json') send(200, 'hello');
  else if (req.url === '/needs-auth') {
    if (req.headers.authorization === `Basic ${Buffer.from('alice:pw').toString('base64')}`) send(200, '{"services":["checkout"]}');
    else {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="spanbridge", charset="UTF-8"' });
      res.end('{"error":{"code":"SB_UNAUTHENTICATED","message":"authentication required"}}');
    }
  } else if (req.url === '/api-error') send(400, '{"error":{"code":"SB_BAD_PARAMETER","message":"minDuration: not a duration"}}');
  else send(502, '<html>bad gateway</html>');
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fetchJson', () => {
  test('a 401 is an ApiError saying to sign in; credentials the browser holds for the origin are sent', async () => {
    const err = await fetchJson(`${base}/needs-auth`, servicesResponse).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).code).toBe('SB_UNAUTHENTICATED');
    expect((err as ApiError).message).toMatch(/^Signing in is needed/);
    // A browser whose user signed in adds the Basic credentials it keeps for the origin to requests whose credentials
    // mode lets it: this stand-in does that for 'same-origin' and 'include' only.
    const seen: RequestInit[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: string, init: RequestInit = {}) => {
      seen.push(init);
      const sendsCredentials = init.credentials === 'same-origin' || init.credentials === 'include';
      const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
      if (sendsCredentials) headers.authorization = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
      return realFetch(input, { ...init, headers });
    }) as typeof fetch;
    try {
      expect(await fetchJson(`${base}/needs-auth`, servicesResponse)).toEqual({ services: ['checkout'] });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(seen[0]?.credentials).toBe('same-origin');
  });

  test('parses a good answer with the schema', async () => {
    expect(await fetchJson(`${base}/ok`, servicesResponse)).toEqual({ services: ['details', 'productpage'] });
  });

  test('an answer of the wrong shape is an ApiError naming the path', async () => {
    const err = await fetchJson(`${base}/bad-shape`, servicesResponse).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('BAD_RESPONSE');
    expect((err as ApiError).message).toMatch(/response\.services\[0\]: expected a string/);
  });

  test('a body that is not JSON is reported', async () => {
    await expect(fetchJson(`${base}/not-json`, servicesResponse)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  test("the API's error body gives status, code and message", async () => {
    await expect(fetchJson(`${base}/api-error`, servicesResponse)).rejects.toMatchObject({ status: 400, code: 'SB_BAD_PARAMETER', message: 'minDuration: not a duration' });
  });

  test('a non-JSON error page still gives the status', async () => {
    await expect(fetchJson(`${base}/other`, servicesResponse)).rejects.toMatchObject({ status: 502 });
  });

  test('an unreachable server is a network ApiError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchJson(`http://127.0.0.1:${port}/x`, servicesResponse)).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
