import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { sampleStore } from '../../../test/query/sampleStore.js';
import { injectGet, qs } from '../../../test/query/injectGet.js';
import { BASE, SPAN_A1, SPAN_A2, SPAN_A3, TRACE_A, TRACE_C } from '../../../test/query/sampleTraces.js';
import { registerJaegerV3Api } from './registerJaegerV3Api.js';

const app = Fastify();
const store = sampleStore();
registerJaegerV3Api(app, store);
before(() => store.seed());
after(async () => {
  await app.close();
  await store.close();
});

const get = (url: string) => injectGet(app, url);

interface OtlpResult {
  result: { resourceSpans: Array<{ resource: { attributes: unknown[] }; scopeSpans: Array<{ scope: Record<string, unknown>; spans: Array<Record<string, unknown>> }> }> };
}

const spanIds = (body: unknown) => (body as OtlpResult).result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((x) => x.spanId)));
const rfc3339 = (nanos: bigint) => new Date(Number(nanos / 1_000_000n)).toISOString();
const window: Array<[string, string]> = [['query.start_time_min', rfc3339(BASE - 3_600_000_000_000n)], ['query.start_time_max', rfc3339(BASE + 3_600_000_000_000n)]];

async function expectError(url: string, status: number, message: RegExp): Promise<void> {
  const res = await get(url);
  assert.equal(res.status, status, url);
  const body = res.json as { error: { httpCode: number; message: string } };
  assert.deepEqual(Object.keys(body.error), ['httpCode', 'message']);
  assert.equal(body.error.httpCode, status);
  assert.match(body.error.message, message, url);
}

void describe('Jaeger api_v3 HTTP gateway (jaeger cmd/query/app/apiv3/http_gateway.go)', () => {
  void test('GET /api/v3/services', async () => {
    assert.deepEqual((await get('/api/v3/services')).json, { services: ['Details', 'backend', 'frontend', 'unknown_service'] });
  });

  void test('GET /api/v3/operations with service and span_kind', async () => {
    assert.deepEqual((await get('/api/v3/operations?service=frontend&span_kind=client')).json, { operations: [{ name: 'GET /pay', spanKind: 'client' }] });
    assert.deepEqual((await get('/api/v3/operations?service=Details')).json, { operations: [{ name: 'Lookup', spanKind: 'internal' }] });
    await expectError('/api/v3/operations?span_kind=upward', 400, /'span_kind'/);
  });

  void test('GET /api/v3/traces/{trace_id}: {"result": OTLP/JSON}', async () => {
    const res = await get(`/api/v3/traces/${TRACE_A}`);
    assert.equal(res.status, 200);
    const body = res.json as OtlpResult;
    assert.deepEqual(Object.keys(body), ['result']);
    assert.equal(body.result.resourceSpans.length, 2);
    assert.deepEqual(body.result.resourceSpans[0]?.resource.attributes, [{ key: 'service.name', value: { stringValue: 'frontend' } }]);
    assert.deepEqual(body.result.resourceSpans[0]?.scopeSpans[0]?.scope, { name: 'checkout-lib', version: '2.1' });
    const a2 = body.result.resourceSpans[0]?.scopeSpans[0]?.spans[1];
    assert.deepEqual(a2, {
      traceId: TRACE_A, spanId: SPAN_A2, parentSpanId: SPAN_A1, flags: 1, name: 'GET /pay', kind: 3,
      startTimeUnixNano: (BASE + 2_000_000n).toString(), endTimeUnixNano: (BASE + 8_000_000n).toString(),
      attributes: [{ key: 'http.request.method', value: { stringValue: 'GET' } }, { key: 'peer.service', value: { stringValue: 'backend' } }],
    });
    assert.deepEqual(spanIds(body), [SPAN_A1, SPAN_A2, SPAN_A3]);
  });

  void test('unknown ids and empty searches are 404 "No traces found"; malformed ids 400', async () => {
    await expectError(`/api/v3/traces/${'e'.repeat(32)}`, 404, /^No traces found$/);
    await expectError(`/api/v3/traces?${qs([['query.service_name', 'nobody'], ...window])}`, 404, /^No traces found$/);
    await expectError('/api/v3/traces/xyz', 400, /'trace_id'/);
  });

  void test('GET /api/v3/traces searches; all matching traces share one resourceSpans list', async () => {
    const both = (await get(`/api/v3/traces?${qs([['query.service_name', 'frontend'], ...window])}`)).json;
    assert.deepEqual(spanIds(both), ['c100000000000001', SPAN_A1, SPAN_A2, SPAN_A3]);
    const one = (await get(`/api/v3/traces?${qs([['query.service_name', 'frontend'], ['query.num_traces', '1'], ...window])}`)).json;
    assert.deepEqual(spanIds(one), ['c100000000000001']);
    const slow = (await get(`/api/v3/traces?${qs([['query.service_name', 'frontend'], ['query.duration_min', '2ms'], ...window])}`)).json;
    assert.deepEqual(spanIds(slow), [SPAN_A1, SPAN_A2, SPAN_A3]);
    const op = (await get(`/api/v3/traces?${qs([['query.service_name', 'frontend'], ['query.operation_name', 'GET /'], ...window])}`)).json;
    assert.deepEqual((op as OtlpResult).result.resourceSpans.map((r) => r.scopeSpans[0]?.spans[0]?.traceId), [TRACE_C]);
  });

  void test('query.attributes as a JSON object or as query.attributes[key]', async () => {
    const json = (await get(`/api/v3/traces?${qs([['query.attributes', '{"peer.service":"backend"}'], ...window])}`)).json;
    assert.deepEqual(spanIds(json), [SPAN_A1, SPAN_A2, SPAN_A3]);
    const map = (await get(`/api/v3/traces?${qs([['query.attributes[http.response.status_code]', '200'], ...window])}`)).json;
    assert.deepEqual(spanIds(map), [SPAN_A1, SPAN_A2, SPAN_A3]);
    await expectError(`/api/v3/traces?${qs([['query.attributes[http.response.status_code]', '500'], ...window])}`, 404, /No traces found/);
  });

  void test('bad parameters are 400s naming them', async () => {
    await expectError('/api/v3/traces', 400, /query\.start_time_min and query\.start_time_max are required/);
    await expectError(`/api/v3/traces?${qs([['query.start_time_min', 'yesterday'], ['query.start_time_max', rfc3339(BASE)]])}`, 400, /'query\.start_time_min'/);
    await expectError(`/api/v3/traces?${qs([...window, ['query.num_traces', 'many']])}`, 400, /'query\.num_traces'/);
    await expectError(`/api/v3/traces?${qs([...window, ['query.duration_min', '1']])}`, 400, /'query\.duration_min'/);
    await expectError(`/api/v3/traces?${qs([...window, ['query.attributes', '[1]']])}`, 400, /'query\.attributes'/);
  });
});
