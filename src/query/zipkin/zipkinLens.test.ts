import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { createSqliteStore } from '../../store/sqlite/createSqliteStore.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/zipkin/testReceiver.js';
import { registerJaegerApi } from '../jaeger/registerJaegerApi.js';
import { registerZipkinQueryApi } from './registerZipkinQueryApi.js';

// What Zipkin Lens deployed the official way (the zipkin-ui image: Lens under /zipkin, /zipkin/config.json and
// /zipkin/api proxied to port 9411) reads from the Zipkin port, and the lower-case names Zipkin's own server answers.

const TRACE = '5af7183fb1d4cf5f5af7183fb1d4cf5f';
const NOW_MICROS = Date.now() * 1000;

const spans = [
  { traceId: TRACE, id: '0000000000000001', kind: 'SERVER', name: 'GET /ProductPage', timestamp: NOW_MICROS, duration: 9000, localEndpoint: { serviceName: 'ProductPage' } },
  {
    traceId: TRACE, id: '0000000000000002', parentId: '0000000000000001', kind: 'CLIENT', name: 'GET /Reviews', timestamp: NOW_MICROS + 100, duration: 5000,
    localEndpoint: { serviceName: 'ProductPage' }, remoteEndpoint: { serviceName: 'Reviews' },
  },
];

interface ZipkinSpanJson {
  id: string;
  name?: string;
  localEndpoint?: { serviceName?: string };
  remoteEndpoint?: { serviceName?: string };
}

void describe('the Zipkin port for Zipkin Lens', () => {
  const store = createSqliteStore({ path: ':memory:' });
  let receiver: TestReceiver;
  const get = (path: string) => fetch(`${receiver.url}${path}`);
  const json = async <T>(path: string): Promise<T> => {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    return (await res.json()) as T;
  };

  before(async () => {
    receiver = await startTestReceiver({ consume: (batch) => store.write(batch) }, {}, { registerRoutes: (app) => registerZipkinQueryApi(app, store) });
    const res = await fetch(`${receiver.url}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spans) });
    assert.equal(res.status, 202);
  });
  after(async () => {
    await receiver.close();
    await store.close();
  });

  void test('GET /zipkin/config.json answers the fields and defaults of Zipkin\'s ZipkinUiConfiguration', async () => {
    const res = await get('/zipkin/config.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(res.headers.get('cache-control'), 'max-age=600');
    assert.deepEqual(await res.json(), {
      environment: '',
      queryLimit: 10,
      defaultLookback: 604_800_000,
      searchEnabled: true,
      logsUrl: null,
      supportUrl: null,
      archivePostUrl: null,
      archiveUrl: null,
      dependency: { enabled: true, lowErrorRate: 0.5, highErrorRate: 0.75 },
    });
  });

  void test('the API answers the same under /zipkin/api/v2, where Lens looks for it', async () => {
    for (const path of ['/api/v2/services', '/api/v2/spans?serviceName=productpage', '/api/v2/remoteServices?serviceName=productpage', `/api/v2/trace/${TRACE}`, `/api/v2/traces?serviceName=productpage`, `/api/v2/dependencies?endTs=${Date.now()}`, '/api/v2/autocompleteKeys']) {
      assert.deepEqual(await json(`/zipkin${path}`), await json(path), path);
    }
    const missing = await get(`/zipkin/api/v2/trace/${'e'.repeat(32)}`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), `${'e'.repeat(32)} not found`);
  });

  void test('GET /health answers as Zipkin\'s (the zipkin-ui image\'s health check goes through its proxy to it)', async () => {
    const res = await get('/health');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'UP', zipkin: { status: 'UP', details: {} } });
  });

  void test('span, service and remote service names are lower case in pickers and traces alike', async () => {
    assert.deepEqual(await json('/api/v2/services'), ['productpage']);
    assert.deepEqual(await json('/api/v2/spans?serviceName=productpage'), ['get /productpage', 'get /reviews']);
    assert.deepEqual(await json('/api/v2/remoteServices?serviceName=productpage'), ['reviews']);
    const expected = [
      ['0000000000000001', 'get /productpage', 'productpage', undefined],
      ['0000000000000002', 'get /reviews', 'productpage', 'reviews'],
    ];
    const shape = (list: ZipkinSpanJson[]) => list.map((s) => [s.id, s.name, s.localEndpoint?.serviceName, s.remoteEndpoint?.serviceName]);
    assert.deepEqual(shape(await json<ZipkinSpanJson[]>(`/api/v2/trace/${TRACE}`)), expected);
    assert.deepEqual((await json<ZipkinSpanJson[][]>('/api/v2/traces?serviceName=ProductPage')).map(shape), [expected]);
    assert.deepEqual((await json<ZipkinSpanJson[][]>(`/api/v2/traceMany?traceIds=${TRACE},${'e'.repeat(32)}`)).map(shape), [expected]);
  });

  void test('the Jaeger API over the same store keeps the names as they were sent', async () => {
    const app = Fastify();
    registerJaegerApi(app, store);
    const res = await app.inject({ method: 'GET', url: `/api/traces/${TRACE}` });
    const trace = (JSON.parse(res.body) as { data: Array<{ spans: Array<{ operationName: string }>; processes: Record<string, { serviceName: string }> }> }).data[0];
    assert.deepEqual(trace?.spans.map((s) => s.operationName), ['GET /ProductPage', 'GET /Reviews']);
    assert.deepEqual(Object.values(trace?.processes ?? {}).map((p) => p.serviceName), ['ProductPage']);
    await app.close();
  });

  void test('unknown routes answer 404 with the project\'s error body, not Fastify\'s', async () => {
    for (const [method, path] of [['GET', '/nothing'], ['GET', '/zipkin/'], ['GET', '/zipkin/api/v2/nothing'], ['POST', '/api/v2/services']] as const) {
      const res = await fetch(`${receiver.url}${path}`, { method });
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { error: { code: 'SB_NOT_FOUND', message: `no route ${method} ${path}` } }, path);
    }
  });
});
