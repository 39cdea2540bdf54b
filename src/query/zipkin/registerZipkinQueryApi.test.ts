import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { sampleStore, withEdges } from '../../../test/query/sampleStore.js';
import { injectGet, qs } from '../../../test/query/injectGet.js';
import { BASE, SAMPLE_EDGES, SPAN_A1, SPAN_A2, SPAN_A3, TRACE_A, TRACE_B, TRACE_C, TRACE_D } from '../../../test/query/sampleTraces.js';
import { registerZipkinQueryApi } from './registerZipkinQueryApi.js';

interface ZipkinSpanJson {
  traceId: string;
  id: string;
  parentId?: string;
  kind?: string;
  name?: string;
  timestamp?: number;
  duration?: number;
  localEndpoint?: { serviceName?: string };
  remoteEndpoint?: { serviceName?: string };
  annotations?: Array<{ timestamp: number; value: string }>;
  tags?: Record<string, string>;
}

// Mounted beside a route of its own, as on the Zipkin receiver's port.
const telemetry = createTelemetry();
const app = Fastify();
app.post('/api/v2/spans', async (_req, reply) => reply.code(202).send());
const store = sampleStore();
registerZipkinQueryApi(app, withEdges(store, SAMPLE_EDGES), { telemetry });
before(() => store.seed());
after(async () => {
  await app.close();
  await store.close();
});

const get = (url: string) => injectGet(app, url);
const micros = (nanos: bigint) => Number(nanos / 1000n);

async function traces(query: Array<[string, string | number | bigint]>): Promise<ZipkinSpanJson[][]> {
  const res = await get(`/api/v2/traces?${qs(query)}`);
  assert.equal(res.status, 200, res.text);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  return res.json as ZipkinSpanJson[][];
}
const ids = async (query: Array<[string, string | number | bigint]>) => (await traces(query)).map((t) => t[0]?.traceId);

async function expect400(url: string, parameter: string): Promise<void> {
  const res = await get(url);
  assert.equal(res.status, 400, url);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  assert.match(res.text, new RegExp(`'${parameter}'`), url);
}

void describe('Zipkin v2 query API (zipkin2-api.yaml)', () => {
  void test('GET /api/v2/services: lower-cased and sorted, cacheable with more than 3 services', async () => {
    const res = await get('/api/v2/services');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, ['backend', 'details', 'frontend', 'unknown_service']);
    assert.equal(res.headers['cache-control'], 'max-age=300, must-revalidate');
  });

  void test('GET /api/v2/spans and /remoteServices take a lower-cased serviceName', async () => {
    assert.deepEqual((await get('/api/v2/spans?serviceName=details')).json, ['lookup']);
    assert.deepEqual((await get('/api/v2/spans?serviceName=frontend')).json, ['get /', 'get /checkout', 'get /pay']);
    assert.deepEqual((await get('/api/v2/spans?serviceName=nobody')).json, []);
    assert.deepEqual((await get('/api/v2/remoteServices?serviceName=frontend')).json, ['backend']);
    assert.deepEqual((await get('/api/v2/remoteServices?serviceName=backend')).json, []);
    await expect400('/api/v2/spans', 'serviceName');
    await expect400('/api/v2/remoteServices', 'serviceName');
  });

  void test('GET /api/v2/trace/{traceId}: the spans as Zipkin v2 JSON, names lower-cased as Zipkin keeps them', async () => {
    const res = await get(`/api/v2/trace/${TRACE_A}`);
    assert.equal(res.status, 200);
    const spans = res.json as ZipkinSpanJson[];
    assert.deepEqual(spans.map((s) => [s.id, s.parentId, s.kind, s.name, s.localEndpoint?.serviceName]), [
      [SPAN_A1, undefined, 'SERVER', 'get /checkout', 'frontend'],
      [SPAN_A2, SPAN_A1, 'CLIENT', 'get /pay', 'frontend'],
      [SPAN_A3, SPAN_A2, 'SERVER', 'get /pay', 'backend'],
    ]);
    for (const s of spans) assert.equal(s.traceId, TRACE_A);
    assert.equal(spans[0]?.timestamp, micros(BASE));
    assert.equal(spans[0]?.duration, 10_000);
    assert.equal(spans[1]?.remoteEndpoint?.serviceName, 'backend');
    assert.equal(spans[2]?.tags?.error, 'card declined');
    assert.equal(spans[0]?.tags?.['http.response.status_code'], '200');
  });

  void test('16-hex (64-bit) and upper-case ids are found; unknown ids are 404 "<id> not found"; bad ids 400', async () => {
    assert.equal(((await get('/api/v2/trace/00f067aa0ba902b7')).json as ZipkinSpanJson[])[0]?.name, 'lookup');
    assert.equal((await get(`/api/v2/trace/${TRACE_C.toUpperCase()}`)).status, 200);
    const missing = await get(`/api/v2/trace/${'e'.repeat(16)}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.text, `${'e'.repeat(16)} not found`);
    await expect400('/api/v2/trace/abc', 'traceId');
  });

  void test('GET /api/v2/traceMany: at least two unique ids; missing ones are left out', async () => {
    const res = await get(`/api/v2/traceMany?traceIds=${TRACE_A},00f067aa0ba902b7,${'e'.repeat(32)}`);
    assert.equal(res.status, 200);
    assert.deepEqual((res.json as ZipkinSpanJson[][]).map((t) => t.map((s) => s.id)), [[SPAN_A1, SPAN_A2, SPAN_A3], ['b100000000000001']]);
    await expect400(`/api/v2/traceMany?traceIds=${TRACE_A}`, 'traceIds');
    await expect400(`/api/v2/traceMany?traceIds=${TRACE_B},00f067aa0ba902b7`, 'traceIds');
    await expect400('/api/v2/traceMany', 'traceIds');
  });

  void test('GET /api/v2/traces: newest first, limit, time window (endTs, lookback in ms)', async () => {
    assert.deepEqual(await ids([]), [TRACE_C, TRACE_A, TRACE_B, TRACE_D]);
    assert.deepEqual(await ids([['limit', 2]]), [TRACE_C, TRACE_A]);
    const baseMillis = BASE / 1_000_000n;
    assert.deepEqual(await ids([['endTs', baseMillis - 35_000n], ['lookback', 10_000]]), [TRACE_D]);
    assert.deepEqual(await ids([['endTs', baseMillis + 1n], ['lookback', 1000]]), [TRACE_A]);
  });

  void test('GET /api/v2/traces: names match ignoring case', async () => {
    assert.deepEqual(await ids([['serviceName', 'details']]), [TRACE_B]);
    assert.deepEqual(await ids([['serviceName', 'DETAILS'], ['spanName', 'lookup']]), [TRACE_B]);
    assert.deepEqual(await ids([['serviceName', 'frontend'], ['spanName', 'get /pay']]), [TRACE_A]);
    assert.deepEqual(await ids([['serviceName', 'frontend'], ['spanName', 'all']]), [TRACE_C, TRACE_A]);
    assert.deepEqual(await ids([['serviceName', 'frontend'], ['remoteServiceName', 'BACKEND']]), [TRACE_A]);
    assert.deepEqual(await ids([['serviceName', 'backend'], ['remoteServiceName', 'backend']]), []);
    assert.deepEqual(await ids([['serviceName', 'nobody']]), []);
    assert.deepEqual(await ids([['spanName', 'nothing']]), []);
  });

  void test('GET /api/v2/traces: annotationQuery tags and words, durations in microseconds', async () => {
    assert.deepEqual(await ids([['annotationQuery', 'error']]), [TRACE_A]);
    assert.deepEqual(await ids([['serviceName', 'frontend'], ['annotationQuery', 'error']]), [], 'one span must match everything');
    assert.deepEqual(await ids([['annotationQuery', 'error and http.request.method=GET']]), [TRACE_A]);
    assert.deepEqual(await ids([['annotationQuery', 'error=card declined']]), [TRACE_A]);
    assert.deepEqual(await ids([['annotationQuery', 'http.response.status_code=200']]), [TRACE_A]);
    assert.deepEqual(await ids([['annotationQuery', 'cache-miss']]), [TRACE_A], 'an annotation (event) value');
    assert.deepEqual(await ids([['annotationQuery', 'host.name']]), [TRACE_A], 'a tag key');
    assert.deepEqual(await ids([['annotationQuery', 'http.request.method=POST']]), []);
    assert.deepEqual(await ids([['serviceName', 'backend'], ['minDuration', 4000]]), [TRACE_A]);
    assert.deepEqual(await ids([['serviceName', 'backend'], ['minDuration', 5001]]), []);
    assert.deepEqual(await ids([['minDuration', 1], ['maxDuration', 1000]]), [TRACE_C, TRACE_D]);
  });

  void test('GET /api/v2/traces: bad parameters are 400s naming them', async () => {
    await expect400('/api/v2/traces?maxDuration=10', 'maxDuration');
    await expect400('/api/v2/traces?minDuration=10&maxDuration=5', 'maxDuration');
    await expect400('/api/v2/traces?minDuration=1ms', 'minDuration');
    await expect400('/api/v2/traces?limit=0', 'limit');
    await expect400('/api/v2/traces?endTs=now', 'endTs');
    await expect400('/api/v2/traces?lookback=-5', 'lookback');
    await expect400(`/api/v2/traces?${qs([['annotationQuery', '=x']])}`, 'annotationQuery');
  });

  void test('GET /api/v2/dependencies: lower-cased links with errorCount (errors, faults and throttles) when there were any', async () => {
    const res = await get(`/api/v2/dependencies?endTs=${Date.now()}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, [
      { parent: 'frontend', child: 'backend', callCount: 4, errorCount: 2 },
      { parent: 'backend', child: 'postgresql', callCount: 5, errorCount: 1 },
    ]);
    await expect400('/api/v2/dependencies', 'endTs');
    await expect400('/api/v2/dependencies?endTs=1&lookback=x', 'lookback');
  });

  void test('GET /api/v2/autocompleteKeys and /autocompleteValues', async () => {
    const keys = await get('/api/v2/autocompleteKeys');
    assert.equal(keys.headers['cache-control'], 'max-age=300, must-revalidate');
    assert.ok((keys.json as string[]).includes('http.request.method'));
    assert.deepEqual((await get('/api/v2/autocompleteValues?key=http.request.method')).json, ['GET']);
    assert.deepEqual((await get('/api/v2/autocompleteValues?key=absent')).json, []);
    await expect400('/api/v2/autocompleteValues', 'key');
  });

  void test('the host server keeps its own routes, which are not counted as query requests', async () => {
    const total = async () => ((await telemetry.registry.getSingleMetric('spanbridge_query_requests_total')?.get())?.values ?? []).reduce((n, v) => n + v.value, 0);
    const before = await total();
    assert.equal((await app.inject({ method: 'POST', url: '/api/v2/spans', payload: '[]', headers: { 'content-type': 'application/json' } })).statusCode, 202);
    assert.equal(await total(), before);
    await get('/api/v2/services');
    assert.equal(await total(), before + 1);
    const metric = await telemetry.registry.getSingleMetric('spanbridge_query_requests_total')?.get();
    assert.ok(metric?.values.some((v) => v.labels.api === 'zipkin' && v.labels.route === '/api/v2/trace/:traceId' && v.labels.status === '404'));
  });
});
