import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { createTelemetry } from '../telemetry/telemetry.js';
import { createQueryServer, type QueryServer } from './createQueryServer.js';
import { sampleStore } from '../../test/query/sampleStore.js';
import { TRACE_A } from '../../test/query/sampleTraces.js';

const INDEX = '<!doctype html><title>Spanbridge</title><div id="root"></div>';
const logger = pino({ level: 'silent' });
const reader = sampleStore();
before(() => reader.seed());
after(() => reader.close());

void describe('createQueryServer with a built UI', () => {
  let dir = '';
  let server: QueryServer;
  const telemetry = createTelemetry();
  const url = (path: string) => `http://${server.address}${path}`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spanbridge-ui-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log("ui")');
    server = await createQueryServer({ endpoint: '127.0.0.1:0', reader, uiDir: dir, logger, telemetry });
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  void test('listens on the port it was given (0 = any) and serves every API', async () => {
    assert.match(server.address, /^127\.0\.0\.1:\d+$/);
    assert.notEqual(server.address, '127.0.0.1:0');
    assert.deepEqual(await (await fetch(url('/api/v1/services'))).json(), { services: ['Details', 'backend', 'frontend', 'unknown_service'] });
    assert.equal(((await (await fetch(url('/api/services'))).json()) as { total: number }).total, 4);
    assert.deepEqual(await (await fetch(url('/api/v3/services'))).json(), { services: ['Details', 'backend', 'frontend', 'unknown_service'] });
    assert.equal((await fetch(url(`/api/traces/${TRACE_A}`))).status, 200);
  });

  void test('the service map shows the edges the store built at ingest (frontend CLIENT -> backend SERVER)', async () => {
    const graph = (await (await fetch(url('/api/v1/dependencies?start=0'))).json()) as { edges: Array<{ parent: string; child: string; callCount: number }> };
    assert.ok(graph.edges.some((e) => e.parent === 'frontend' && e.child === 'backend' && e.callCount >= 1), JSON.stringify(graph));
    const jaeger = (await (await fetch(url(`/api/dependencies?endTs=${Date.now() + 60_000}&lookback=86400000`))).json()) as { data: Array<{ parent: string; child: string }> };
    assert.ok(jaeger.data.some((l) => l.parent === 'frontend' && l.child === 'backend'));
  });

  void test('serves the UI at / and its files', async () => {
    const root = await fetch(url('/'));
    assert.equal(root.status, 200);
    assert.match(root.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await root.text(), INDEX);
    const js = await fetch(url('/assets/app.js'));
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
  });

  void test('deep links load index.html (single-page-app fallback)', async () => {
    for (const path of [`/trace/${TRACE_A}`, `/trace/${TRACE_A}?span=a100000000000001`, '/search?service=frontend&attr=a%3Db', '/map', '/compare?a=1&b=2']) {
      const res = await fetch(url(path));
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.equal(await res.text(), INDEX, path);
    }
  });

  void test('unknown API routes and missing files are 404, not the page', async () => {
    const api = await fetch(url('/api/nothing/here'));
    assert.equal(api.status, 404);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'SB_NOT_FOUND');
    assert.equal((await fetch(url('/assets/missing.js'))).status, 404);
    assert.equal((await fetch(url('/map'), { method: 'POST' })).status, 404);
  });

  void test('paths outside the UI\'s client-side routes answer 404 with the project\'s error body, not the page', async () => {
    for (const path of ['/nothing', '/traces/abc', '/trace/a/b', '/zipkin/', '/search/x']) {
      const res = await fetch(url(path));
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { error: { code: 'SB_NOT_FOUND', message: `no route GET ${path}` } }, path);
    }
    for (const path of ['/search/', '/map/', `/trace/${TRACE_A}/`]) assert.equal(await (await fetch(url(path))).text(), INDEX, path);
  });

  void test('unknown routes under /api/v3 answer in api_v3\'s error shape', async () => {
    for (const [method, path] of [['GET', '/api/v3/nothing'], ['POST', '/api/v3/services'], ['GET', '/api/v3/traces/a/b']] as const) {
      const res = await fetch(url(path), { method });
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { error: { httpCode: 404, message: `no route ${method} ${path}` } }, path);
    }
  });

  void test('counts requests by api, route and status', async () => {
    await fetch(url('/api/v1/services'));
    const metric = await telemetry.registry.getSingleMetric('spanbridge_query_requests_total')?.get();
    const labels = metric?.values.map((v) => `${v.labels.api} ${v.labels.route} ${v.labels.status}`) ?? [];
    assert.ok(labels.includes('native /api/v1/services 200'));
    assert.ok(labels.includes('jaeger /api/traces/:traceID 200'));
    assert.ok(labels.includes('jaeger_v3 /api/v3/services 200'));
  });
});

void describe('createQueryServer without a built UI', () => {
  let dir = '';
  let server: QueryServer;
  const url = (path: string) => `http://${server.address}${path}`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spanbridge-noui-'));
    server = await createQueryServer({ endpoint: '127.0.0.1:0', reader, uiDir: dir, logger });
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  void test('/ and deep links answer 503 saying the UI was not built; the APIs still work', async () => {
    for (const path of ['/', '/trace/abc', '/map']) {
      const res = await fetch(url(path));
      assert.equal(res.status, 503, path);
      assert.match(await res.text(), /UI was not built/, path);
    }
    assert.equal((await fetch(url('/api/v1/services'))).status, 200);
    assert.equal((await fetch(url('/api/v1/nothing'))).status, 404);
  });
});

void describe('createQueryServer failures', () => {
  void test('a port in use rejects, and leaves nothing open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spanbridge-noui-'));
    const first = await createQueryServer({ endpoint: '127.0.0.1:0', reader, uiDir: dir, logger });
    try {
      await assert.rejects(createQueryServer({ endpoint: first.address, reader, uiDir: dir, logger }), /EADDRINUSE/);
    } finally {
      await first.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
