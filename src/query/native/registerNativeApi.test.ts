import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { sampleStore, withEdges } from '../../../test/query/sampleStore.js';
import { injectGet, qs } from '../../../test/query/injectGet.js';
import { BASE, SAMPLE_EDGES, SPAN_A1, SPAN_A3, TRACE_A, TRACE_B, TRACE_C } from '../../../test/query/sampleTraces.js';
import { registerNativeApi } from './registerNativeApi.js';

const telemetry = createTelemetry();
const app = Fastify();
const store = sampleStore();
registerNativeApi(app, withEdges(store, SAMPLE_EDGES), { telemetry });
before(() => store.seed());
after(async () => {
  await app.close();
  await store.close();
});

const get = (url: string) => injectGet(app, url);

async function expect400(url: string, parameter: string): Promise<void> {
  const res = await get(url);
  assert.equal(res.status, 400, url);
  const body = res.json as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'SB_MALFORMED', url);
  assert.match(body.error.message, new RegExp(`'${parameter.replace(/[.]/g, '\\.')}'`), url);
}

void describe('native API (docs/api-native.md)', () => {
  void test('GET /api/v1/services lists services sorted', async () => {
    const res = await get('/api/v1/services');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { services: ['Details', 'backend', 'frontend', 'unknown_service'] });
  });

  void test('GET /api/v1/operations names span kinds; service is optional', async () => {
    assert.deepEqual((await get('/api/v1/operations?service=frontend')).json, {
      operations: [{ name: 'GET /', spanKind: 'SERVER' }, { name: 'GET /checkout', spanKind: 'SERVER' }, { name: 'GET /pay', spanKind: 'CLIENT' }],
    });
    const all = (await get('/api/v1/operations')).json as { operations: Array<{ name: string; spanKind: string }> };
    assert.deepEqual(all.operations.map((o) => `${o.name} ${o.spanKind}`), ['GET / SERVER', 'GET /checkout SERVER', 'GET /pay SERVER', 'GET /pay CLIENT', 'Lookup INTERNAL', 'orphan UNSPECIFIED']);
  });

  void test('GET /api/v1/traces answers TraceSummary objects with nanoseconds as strings', async () => {
    const res = await get(`/api/v1/traces?service=backend`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      traces: [{
        traceId: TRACE_A, rootService: 'frontend', rootOperation: 'GET /checkout', startTimeUnixNano: BASE.toString(), durationNanos: '10000000',
        spanCount: 3, errorCount: 1, services: [{ service: 'backend', spanCount: 1, errorCount: 1 }, { service: 'frontend', spanCount: 2, errorCount: 0 }],
      }],
    });
  });

  void test('pages newest first with the cursor', async () => {
    const first = (await get('/api/v1/traces?service=frontend&limit=1')).json as { traces: Array<{ traceId: string }>; nextCursor?: string };
    assert.deepEqual(first.traces.map((t) => t.traceId), [TRACE_C]);
    assert.equal(typeof first.nextCursor, 'string');
    const second = (await get(`/api/v1/traces?${qs([['service', 'frontend'], ['limit', 1], ['cursor', first.nextCursor ?? '']])}`)).json as { traces: Array<{ traceId: string }>; nextCursor?: string };
    assert.deepEqual(second.traces.map((t) => t.traceId), [TRACE_A]);
    assert.equal(second.nextCursor, undefined);
    assert.equal('nextCursor' in second, false);
  });

  void test('filters: attr equals / regex / exists, span kind, durations, time range', async () => {
    const ids = async (query: Array<[string, string | number | bigint]>) => ((await get(`/api/v1/traces?${qs(query)}`)).json as { traces: Array<{ traceId: string }> }).traces.map((t) => t.traceId);
    assert.deepEqual(await ids([['attr', 'http.response.status_code=200']]), [TRACE_A]);
    assert.deepEqual(await ids([['attr', 'ratio~^1\\.5$'], ['attr', 'blob']]), [TRACE_A]);
    assert.deepEqual(await ids([['attr', 'http.response.status_code=500']]), []);
    assert.deepEqual(await ids([['spanKind', 'internal']]), [TRACE_B]);
    assert.deepEqual(await ids([['service', 'backend'], ['minDuration', '4ms']]), [TRACE_A]);
    assert.deepEqual(await ids([['service', 'backend'], ['minDuration', '5500']]), []);
    assert.deepEqual(await ids([['service', 'frontend'], ['maxDuration', '1ms']]), [TRACE_C]);
    const startMillis = BASE / 1_000_000n;
    assert.deepEqual(await ids([['start', startMillis - 1n], ['end', startMillis + 1n]]), [TRACE_A]);
    assert.deepEqual(await ids([['start', new Date(Number(startMillis) + 1000).toISOString()]]), [TRACE_C]);
  });

  void test('bad parameters are 400s naming the parameter', async () => {
    await expect400('/api/v1/traces?limit=0', 'limit');
    await expect400('/api/v1/traces?limit=1001', 'limit');
    await expect400('/api/v1/traces?limit=ten', 'limit');
    await expect400('/api/v1/traces?spanKind=SIDEWAYS', 'spanKind');
    await expect400('/api/v1/traces?minDuration=5parsecs', 'minDuration');
    await expect400('/api/v1/traces?minDuration=2s&maxDuration=1s', 'maxDuration');
    await expect400('/api/v1/traces?start=yesterday', 'start');
    await expect400('/api/v1/traces?start=2000&end=1000', 'end');
    await expect400(`/api/v1/traces?${qs([['attr', 'x~(']])}`, 'attr');
    await expect400(`/api/v1/traces?${qs([['attr', '=v']])}`, 'attr');
    await expect400('/api/v1/traces?service=a&service=b', 'service');
    await expect400('/api/v1/traces/not-hex', 'traceId');
    await expect400('/api/v1/dependencies?start=2000&end=1000', 'end');
  });

  void test('a cursor the store does not know is a 400', async () => {
    const res = await get('/api/v1/traces?cursor=bm9wZQ');
    assert.equal(res.status, 400);
    assert.equal((res.json as { error: { code: string } }).error.code, 'SB_MALFORMED');
  });

  void test('GET /api/v1/traces/{id} answers OTLP/JSON; 64-bit ids are padded; unknown ids are 404', async () => {
    const res = await get(`/api/v1/traces/${TRACE_A.toUpperCase()}`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json as { resourceSpans: Array<{ resource: { attributes: unknown[] }; scopeSpans: Array<{ scope: { name: string }; spans: Array<Record<string, unknown>> }> }> };
    assert.equal(body.resourceSpans.length, 2);
    assert.deepEqual(body.resourceSpans[0]?.resource.attributes, [{ key: 'service.name', value: { stringValue: 'frontend' } }]);
    const first = body.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    assert.equal(first?.spanId, SPAN_A1);
    assert.equal(first?.startTimeUnixNano, BASE.toString());
    assert.equal(first?.kind, 2);
    assert.equal(body.resourceSpans[1]?.scopeSpans[0]?.spans[0]?.spanId, SPAN_A3);
    assert.equal((await get('/api/v1/traces/00f067aa0ba902b7')).status, 200);
    const missing = await get(`/api/v1/traces/${'e'.repeat(32)}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: { code: 'SB_NOT_FOUND', message: `trace ${'e'.repeat(32)} not found` } });
  });

  void test('GET /api/v1/traces/{id}/summary', async () => {
    const res = await get(`/api/v1/traces/${TRACE_B}/summary`);
    assert.deepEqual(res.json, {
      traceId: TRACE_B, rootService: 'Details', rootOperation: 'Lookup', startTimeUnixNano: (BASE - 30_000_000_000n).toString(), durationNanos: '2000000',
      spanCount: 1, errorCount: 0, services: [{ service: 'Details', spanCount: 1, errorCount: 0 }],
    });
    assert.equal((await get(`/api/v1/traces/${'e'.repeat(32)}/summary`)).status, 404);
  });

  void test('GET /api/v1/dependencies answers nodes with sums over incoming edges, and the edges', async () => {
    const res = await get('/api/v1/dependencies');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      nodes: [
        { name: 'Frontend', virtual: false, callsIn: 0, errorsIn: 0, faultsIn: 0, throttlesIn: 0 },
        { name: 'backend', virtual: false, callsIn: 4, errorsIn: 1, faultsIn: 1, throttlesIn: 0 },
        { name: 'frontend', virtual: false, callsIn: 0, errorsIn: 0, faultsIn: 0, throttlesIn: 0 },
        { name: 'postgresql', virtual: true, callsIn: 5, errorsIn: 0, faultsIn: 0, throttlesIn: 1 },
      ],
      edges: [
        { parent: 'frontend', child: 'backend', callCount: 3, errorCount: 1, faultCount: 1, throttleCount: 0, p50Nanos: '2000000', p99Nanos: '5000000', virtual: false },
        { parent: 'Frontend', child: 'backend', callCount: 1, errorCount: 0, faultCount: 0, throttleCount: 0, p50Nanos: '1000000', p99Nanos: '1000000', virtual: false },
        { parent: 'backend', child: 'postgresql', callCount: 5, errorCount: 0, faultCount: 0, throttleCount: 1, p50Nanos: '1000000', p99Nanos: '3000000', virtual: true },
      ],
    });
  });

  void test('requests are counted by route and status', async () => {
    await get('/api/v1/services');
    await get('/api/v1/traces?limit=x');
    const metric = await telemetry.registry.getSingleMetric('spanbridge_query_requests_total')?.get();
    const count = (route: string, status: string) => metric?.values.find((v) => v.labels.api === 'native' && v.labels.route === route && v.labels.status === status)?.value ?? 0;
    assert.ok(count('/api/v1/services', '200') >= 2);
    assert.ok(count('/api/v1/traces', '400') >= 1);
    assert.ok(count('/api/v1/traces/:traceId', '404') >= 1);
  });
});
