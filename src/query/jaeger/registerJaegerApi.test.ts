import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { sampleStore, withEdges } from '../../../test/query/sampleStore.js';
import { injectGet, qs } from '../../../test/query/injectGet.js';
import { BASE, SAMPLE_EDGES, SPAN_A1, SPAN_A2, SPAN_A3, TRACE_A, TRACE_B, TRACE_C } from '../../../test/query/sampleTraces.js';
import type { JaegerResponse, JaegerTrace } from './jaegerJson.js';
import { registerJaegerApi } from './registerJaegerApi.js';

const app = Fastify();
const store = sampleStore();
registerJaegerApi(app, withEdges(store, SAMPLE_EDGES));
before(() => store.seed());
after(async () => {
  await app.close();
  await store.close();
});

const get = (url: string) => injectGet(app, url);
const micros = (nanos: bigint) => Number(nanos / 1000n);
const window = (): Array<[string, bigint]> => [['start', BASE / 1000n - 3_600_000_000n], ['end', BASE / 1000n + 3_600_000_000n]];

async function traceIds(query: Array<[string, string | number | bigint]>): Promise<string[]> {
  const res = await get(`/api/traces?${qs(query)}`);
  assert.equal(res.status, 200, res.text);
  return (res.json as JaegerResponse<JaegerTrace[]>).data.map((t) => t.traceID);
}

async function expect400(url: string, parameter: string): Promise<void> {
  const res = await get(url);
  assert.equal(res.status, 400, url);
  const body = res.json as JaegerResponse<null>;
  assert.equal(body.data, null);
  assert.equal(body.errors?.length, 1);
  assert.equal(body.errors?.[0]?.code, 400);
  assert.match(body.errors?.[0]?.msg ?? '', new RegExp(`'${parameter}'`), url);
}

void describe('Jaeger query API (jaeger cmd/query/app/http_handler.go)', () => {
  void test('GET /api/services: the structured envelope', async () => {
    const res = await get('/api/services');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { data: ['Details', 'backend', 'frontend', 'unknown_service'], total: 4, limit: 0, offset: 0, errors: null });
  });

  void test('GET /api/services/{service}/operations: unique names', async () => {
    assert.deepEqual((await get('/api/services/frontend/operations')).json, { data: ['GET /', 'GET /checkout', 'GET /pay'], total: 3, limit: 0, offset: 0, errors: null });
    assert.deepEqual((await get('/api/services/nobody/operations')).json, { data: [], total: 0, limit: 0, offset: 0, errors: null });
  });

  void test('GET /api/operations: {name, spanKind} filtered by spanKind; service is required', async () => {
    assert.deepEqual((await get('/api/operations?service=frontend')).json, {
      data: [{ name: 'GET /', spanKind: 'server' }, { name: 'GET /checkout', spanKind: 'server' }, { name: 'GET /pay', spanKind: 'client' }], total: 3, limit: 0, offset: 0, errors: null,
    });
    assert.deepEqual((await get('/api/operations?service=frontend&spanKind=client')).json, { data: [{ name: 'GET /pay', spanKind: 'client' }], total: 1, limit: 0, offset: 0, errors: null });
    assert.deepEqual((await get('/api/operations?service=unknown_service')).json, { data: [{ name: 'orphan', spanKind: '' }], total: 1, limit: 0, offset: 0, errors: null });
    await expect400('/api/operations', 'service');
    await expect400('/api/operations?service=frontend&spanKind=diagonal', 'spanKind');
  });

  void test('GET /api/traces/{id}: spans, references, tags, logs and processes field by field', async () => {
    const res = await get(`/api/traces/${TRACE_A}`);
    assert.equal(res.status, 200);
    const body = res.json as JaegerResponse<JaegerTrace[]>;
    assert.deepEqual(Object.keys(body), ['data', 'total', 'limit', 'offset', 'errors']);
    assert.equal(body.errors, null);
    assert.equal(body.data.length, 1);
    const trace = body.data[0] as JaegerTrace;
    assert.deepEqual(Object.keys(trace), ['traceID', 'spans', 'processes', 'warnings']);
    assert.equal(trace.traceID, TRACE_A);
    assert.equal(trace.warnings, null);
    assert.deepEqual(trace.processes, {
      p1: { serviceName: 'frontend', tags: [] },
      p2: { serviceName: 'backend', tags: [{ key: 'host.name', type: 'string', value: 'h1' }, { key: 'process.pid', type: 'int64', value: 42 }] },
    });
    assert.deepEqual(trace.spans[0], {
      traceID: TRACE_A, spanID: SPAN_A1, flags: 1, operationName: 'GET /checkout', references: [], startTime: micros(BASE), duration: 10_000,
      tags: [
        { key: 'otel.scope.name', type: 'string', value: 'checkout-lib' },
        { key: 'otel.scope.version', type: 'string', value: '2.1' },
        { key: 'http.request.method', type: 'string', value: 'GET' },
        { key: 'http.response.status_code', type: 'int64', value: 200 },
        { key: 'span.kind', type: 'string', value: 'server' },
        { key: 'w3c.tracestate', type: 'string', value: 'vendor=a' },
      ],
      logs: [{ timestamp: micros(BASE + 1_000_000n), fields: [{ key: 'event', type: 'string', value: 'cache-miss' }, { key: 'cache.key', type: 'string', value: 'cart' }] }],
      processID: 'p1', warnings: null,
    });
    assert.deepEqual(trace.spans[1]?.references, [{ refType: 'CHILD_OF', traceID: TRACE_A, spanID: SPAN_A1 }]);
    assert.equal(trace.spans[1]?.processID, 'p1');
    assert.deepEqual(trace.spans[2], {
      traceID: TRACE_A, spanID: SPAN_A3, flags: 0, operationName: 'GET /pay',
      references: [{ refType: 'CHILD_OF', traceID: TRACE_A, spanID: SPAN_A2 }, { refType: 'FOLLOWS_FROM', traceID: TRACE_C, spanID: 'c100000000000001' }],
      startTime: micros(BASE + 2_500_000n), duration: 5_000,
      tags: [
        { key: 'http.request.method', type: 'string', value: 'GET' },
        { key: 'ratio', type: 'float64', value: 1.5 },
        { key: 'big', type: 'int64', value: '1152921504606846976' },
        { key: 'blob', type: 'binary', value: 'AAAwOQ==' },
        { key: 'list', type: 'string', value: '["a",1]' },
        { key: 'map', type: 'string', value: '{"k":"v"}' },
        { key: 'nothing', type: 'string', value: '' },
        { key: 'span.kind', type: 'string', value: 'server' },
        { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        { key: 'error', type: 'bool', value: true },
        { key: 'otel.status_description', type: 'string', value: 'card declined' },
      ],
      logs: [], processID: 'p2', warnings: null,
    });
  });

  void test('64-bit trace ids print as 16 hex digits, as Jaeger prints them', async () => {
    const trace = ((await get('/api/traces/00f067aa0ba902b7')).json as JaegerResponse<JaegerTrace[]>).data[0];
    assert.equal(trace?.traceID, '00f067aa0ba902b7');
    assert.equal(trace?.spans[0]?.traceID, '00f067aa0ba902b7');
    assert.equal(TRACE_B.endsWith(trace?.traceID ?? 'x'), true);
  });

  void test('unknown trace ids are 404 with "trace not found"; malformed ones 400', async () => {
    const res = await get(`/api/traces/${'e'.repeat(32)}`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.json, { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] });
    await expect400('/api/traces/zz', 'traceID');
  });

  void test('GET /api/traces searches by service, operation, limit and time (newest first)', async () => {
    assert.deepEqual(await traceIds([['service', 'frontend'], ...window()]), [TRACE_C, TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['limit', 1], ...window()]), [TRACE_C]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['operation', 'GET /pay'], ...window()]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['start', BASE / 1000n + 10_000_000n]]), [TRACE_C]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['end', BASE / 1000n - 1n], ...window().slice(0, 1)]), []);
    assert.deepEqual(await traceIds([['service', 'frontend']]), [TRACE_C, TRACE_A], 'default window: the last 2 days');
    assert.deepEqual(await traceIds([['service', 'frontend'], ['lookback', '1h']]), [TRACE_C, TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['lookback', '2d']]), [TRACE_C, TRACE_A]);
  });

  void test('GET /api/traces with Go durations', async () => {
    assert.deepEqual(await traceIds([['service', 'backend'], ['minDuration', '4.5ms']]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'backend'], ['minDuration', '5001us']]), []);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['maxDuration', '1ms']]), [TRACE_C]);
  });

  void test('GET /api/traces with tags (JSON, as Jaeger UI sends) and tag=k:v, including synthesized tags', async () => {
    assert.deepEqual(await traceIds([['service', 'backend'], ['tags', '{"http.request.method":"GET"}']]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['tag', 'peer.service:backend']]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['tag', 'http.request.method:POST']]), []);
    assert.deepEqual(await traceIds([['service', 'backend'], ['tags', '{"error":"true"}']]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['tags', '{"error":"true"}']]), [], 'the error is on a backend span');
    assert.deepEqual(await traceIds([['service', 'backend'], ['tag', 'otel.status_description:card declined']]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['tag', 'span.kind:client']]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'frontend'], ['tag', 'otel.scope.name:checkout-lib'], ['tag', 'event:cache-miss']]), [TRACE_A]);
    assert.deepEqual(await traceIds([['service', 'backend'], ['tag', 'host.name:h1'], ['tag', 'error:true']]), [TRACE_A], 'process tags count');
  });

  void test('GET /api/traces?traceID=... returns those traces and reports missing ones in errors', async () => {
    const missing = 'e'.repeat(32);
    const res = await get(`/api/traces?${qs([['traceID', TRACE_C], ['traceID', missing]])}`);
    assert.equal(res.status, 200);
    const body = res.json as JaegerResponse<JaegerTrace[]>;
    assert.deepEqual(body.data.map((t) => t.traceID), [TRACE_C]);
    assert.deepEqual(body.errors, [{ msg: 'trace not found', traceID: missing }]);
  });

  void test('GET /api/traces: bad parameters are 400s naming them', async () => {
    await expect400('/api/traces', 'service');
    await expect400('/api/traces?service=x&tags=%7Bnot', 'tags');
    await expect400(`/api/traces?service=x&tags=${encodeURIComponent('{"a":1}')}`, 'tags');
    await expect400('/api/traces?service=x&tag=novalue', 'tag');
    await expect400('/api/traces?service=x&limit=lots', 'limit');
    await expect400('/api/traces?service=x&limit=-1', 'limit');
    await expect400('/api/traces?service=x&minDuration=100', 'minDuration');
    await expect400('/api/traces?service=x&minDuration=2s&maxDuration=1s', 'maxDuration');
    await expect400('/api/traces?service=x&start=yesterday', 'start');
    await expect400('/api/traces?service=x&end=1&start=2', 'end');
    await expect400('/api/traces?service=x&lookback=fortnight', 'lookback');
    await expect400('/api/traces?traceID=xyz', 'traceID');
  });

  void test('GET /api/dependencies: {parent, child, callCount} summed per pair', async () => {
    const res = await get(`/api/dependencies?endTs=${Date.now()}&lookback=86400000`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      data: [{ parent: 'frontend', child: 'backend', callCount: 3 }, { parent: 'Frontend', child: 'backend', callCount: 1 }, { parent: 'backend', child: 'postgresql', callCount: 5 }],
      total: 0, limit: 0, offset: 0, errors: null,
    });
    const filtered = (await get('/api/dependencies?service=postgresql')).json as JaegerResponse<unknown[]>;
    assert.deepEqual(filtered.data, [{ parent: 'backend', child: 'postgresql', callCount: 5 }]);
    await expect400('/api/dependencies?endTs=soon', 'endTs');
    await expect400('/api/dependencies?lookback=0', 'lookback');
  });
});
