import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { SpanKind, StatusCode } from '../../model/span.js';
import { sharedServerSpanId } from '../../model/sharedServerSpanId.js';
import { sampleStore } from '../../../test/query/sampleStore.js';
import { injectGet, qs } from '../../../test/query/injectGet.js';
import { BASE, SPAN_A1, SPAN_A2, SPAN_A3, TRACE_A, TRACE_B, TRACE_C } from '../../../test/query/sampleTraces.js';
import { testBatch, type TestSpanSpec } from '../../../test/store/testSpans.js';
import { registerJaegerV3Api } from './registerJaegerV3Api.js';

const app = Fastify();
const store = sampleStore();
registerJaegerV3Api(app, store);
before(() => store.seed());
after(async () => {
  await app.close();
  await store.close();
});

/** The sample traces plus trace E (service inventory): a parent that never arrived, a Brave-style shared id. */
const appE = Fastify();
const storeE = sampleStore();
registerJaegerV3Api(appE, storeE);
const TRACE_E = 'eeeeeeeeeeeeeeee0000000000000001';
const SHARED_ID = 'e200000000000002';
const MS = 1_000_000n;
before(async () => {
  await storeE.seed();
  const span = (service: string, spanId: string, parentSpanId: string, kind: SpanKind, name: string, offset: bigint, status: StatusCode = StatusCode.UNSET): TestSpanSpec =>
    ({ service, traceId: TRACE_E, spanId, parentSpanId, kind, name, startNanos: BASE - 10_000n * MS + offset, durationNanos: 4n * MS, status });
  await storeE.write(testBatch([
    span('inventory', 'e100000000000001', '', SpanKind.SERVER, 'GET /stock', 0n),
    span('inventory', SHARED_ID, 'e100000000000001', SpanKind.CLIENT, 'GET /count', MS),
    span('warehouse', SHARED_ID, 'e100000000000001', SpanKind.SERVER, 'GET /count', 2n * MS, StatusCode.ERROR),
    span('warehouse', 'e400000000000004', 'f000000000000000', SpanKind.INTERNAL, 'late', 3n * MS),
  ]));
});
after(async () => {
  await appE.close();
  await storeE.close();
});

const get = (url: string) => injectGet(app, url);

interface OtlpResult {
  result: { resourceSpans: Array<{ resource: { attributes: unknown[] }; scopeSpans: Array<{ scope: Record<string, unknown>; spans: Array<Record<string, unknown>> }> }> };
}

const spanIds = (body: unknown) => (body as OtlpResult).result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((x) => x.spanId)));
const rfc3339 = (nanos: bigint) => new Date(Number(nanos / 1_000_000n)).toISOString();
const window: Array<[string, string]> = [['query.start_time_min', rfc3339(BASE - 3_600_000_000_000n)], ['query.start_time_max', rfc3339(BASE + 3_600_000_000_000n)]];

async function expectError(url: string, status: number, message: RegExp, on = app): Promise<void> {
  const res = await injectGet(on, url);
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

const getE = (url: string) => injectGet(appE, url);
const expectErrorE = (url: string, status: number, message: RegExp) => expectError(url, status, message, appE);

/** A trace summary in api_v3's proto3 JSON. */
interface SummaryJson {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: Array<{ name: string; spanCount: number; errorSpanCount: number }>;
}

/** The query string Jaeger UI 2.19 builds (packages/jaeger-ui/src/api/v3/client.ts buildTraceSummariesParams). */
function uiQuery(extra: Record<string, string>): string {
  const min = new Date(Number((BASE - 3_600_000n * MS) / MS)).toISOString();
  const max = new Date(Number((BASE + 3_600_000n * MS) / MS)).toISOString();
  return new URLSearchParams({ ...extra, 'query.startTimeMin': min, 'query.startTimeMax': max, 'query.searchDepth': '20' }).toString();
}

async function summaries(extra: Record<string, string>): Promise<SummaryJson[]> {
  const res = await getE(`/api/v3/trace-summaries?${uiQuery(extra)}`);
  assert.equal(res.status, 200, res.text);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  return (res.json as { summaries: SummaryJson[] }).summaries;
}
const summaryIds = async (extra: Record<string, string>) => (await summaries(extra)).map((s) => s.traceId);

void describe('Jaeger api_v3 GET /api/v3/trace-summaries (FindTraceSummaries, as Jaeger UI 2.19 calls it)', () => {
  void test('answers {"summaries": [TraceSummary]} with fixed64 times as decimal strings and per-service counts', async () => {
    assert.deepEqual(await summaries({ 'query.serviceName': 'frontend' }), [
      {
        traceId: TRACE_C, rootServiceName: 'frontend', rootOperationName: 'GET /', minStartTimeUnixNano: String(BASE + 20_000n * MS), maxEndTimeUnixNano: String(BASE + 20_001n * MS),
        spanCount: 1, errorSpanCount: 0, orphanSpanCount: 0, services: [{ name: 'frontend', spanCount: 1, errorSpanCount: 0 }],
      },
      {
        traceId: TRACE_A, rootServiceName: 'frontend', rootOperationName: 'GET /checkout', minStartTimeUnixNano: String(BASE), maxEndTimeUnixNano: String(BASE + 10n * MS),
        spanCount: 3, errorSpanCount: 1, orphanSpanCount: 0,
        services: [{ name: 'backend', spanCount: 1, errorSpanCount: 1 }, { name: 'frontend', spanCount: 2, errorSpanCount: 0 }],
      },
    ]);
  });

  void test('orphanSpanCount counts spans whose parent is not in the trace', async () => {
    const [e] = await summaries({ 'query.serviceName': 'inventory' });
    assert.equal(e?.traceId, TRACE_E);
    assert.deepEqual([e?.spanCount, e?.errorSpanCount, e?.orphanSpanCount], [4, 1, 1]);
    assert.deepEqual(e?.services, [{ name: 'inventory', spanCount: 2, errorSpanCount: 0 }, { name: 'warehouse', spanCount: 2, errorSpanCount: 1 }]);
  });

  void test('query.serviceName and query.operationName (and their snake_case aliases)', async () => {
    assert.deepEqual(await summaryIds({ 'query.serviceName': 'Details' }), [TRACE_B]);
    assert.deepEqual(await summaryIds({ 'query.service_name': 'Details' }), [TRACE_B]);
    assert.deepEqual(await summaryIds({ 'query.serviceName': 'frontend', 'query.operationName': 'GET /checkout' }), [TRACE_A]);
    assert.deepEqual(await summaryIds({ 'query.serviceName': 'frontend', 'query.operation_name': 'GET /' }), [TRACE_C]);
    assert.deepEqual(await summaryIds({ 'query.serviceName': 'nobody' }), [], 'no match is an empty list, not a 404');
  });

  void test('query.startTimeMin and query.startTimeMax bound the trace start (RFC 3339, nanoseconds kept)', async () => {
    const rfc = (nanos: bigint) => `${new Date(Number(nanos / MS)).toISOString().slice(0, 19)}.${String(nanos % 1_000_000_000n).padStart(9, '0')}Z`;
    const window = (min: bigint, max: bigint) => `/api/v3/trace-summaries?${qs([['query.startTimeMin', rfc(min)], ['query.startTimeMax', rfc(max)]])}`;
    const only = async (url: string) => ((await getE(url)).json as { summaries: SummaryJson[] }).summaries.map((x) => x.traceId);
    assert.deepEqual(await only(window(BASE, BASE + 10n * MS)), [TRACE_A]);
    assert.deepEqual(await only(window(BASE + 1n, BASE + 10n * MS)), [], 'one nanosecond after trace A started');
    await expectErrorE('/api/v3/trace-summaries?query.serviceName=frontend', 400, /query\.startTimeMin and query\.startTimeMax/);
    await expectErrorE(`/api/v3/trace-summaries?${qs([['query.startTimeMin', 'today'], ['query.startTimeMax', rfc(BASE)]])}`, 400, /'query\.startTimeMin'/);
  });

  void test('query.searchDepth limits the traces (default 100, 0 the default, aliases search_depth and num_traces)', async () => {
    const min = new Date(Number((BASE - 3_600_000n * MS) / MS)).toISOString();
    const max = new Date(Number((BASE + 3_600_000n * MS) / MS)).toISOString();
    const count = async (pairs: Array<[string, string]>) => ((await getE(`/api/v3/trace-summaries?${qs([['query.startTimeMin', min], ['query.startTimeMax', max], ...pairs])}`)).json as { summaries: unknown[] }).summaries.length;
    assert.equal(await count([]), 5);
    assert.equal(await count([['query.searchDepth', '2']]), 2);
    assert.equal(await count([['query.searchDepth', '0']]), 5);
    assert.equal(await count([['query.search_depth', '3']]), 3);
    assert.equal(await count([['query.num_traces', '1']]), 1);
    await expectErrorE(`/api/v3/trace-summaries?${uiQuery({}).replace('query.searchDepth=20', 'query.searchDepth=lots')}`, 400, /'query\.searchDepth'/);
  });

  void test('query.durationMin and query.durationMax are Go durations of one span ("1.5s", "2ms")', async () => {
    assert.deepEqual(await summaryIds({ 'query.durationMin': '5ms' }), [TRACE_A]);
    assert.deepEqual(await summaryIds({ 'query.durationMin': '0.0095s' }), [TRACE_A]);
    assert.deepEqual(await summaryIds({ 'query.durationMin': '1.5s' }), []);
    assert.deepEqual(await summaryIds({ 'query.serviceName': 'frontend', 'query.durationMax': '1ms' }), [TRACE_C]);
    assert.deepEqual(await summaryIds({ 'query.duration_min': '6ms', 'query.duration_max': '6ms' }), [TRACE_A]);
    await expectErrorE(`/api/v3/trace-summaries?${uiQuery({ 'query.durationMin': '5' })}`, 400, /'query\.durationMin'/);
    await expectErrorE(`/api/v3/trace-summaries?${uiQuery({ 'query.durationMin': '5ms', 'query.durationMax': '1ms' })}`, 400, /'query\.durationMax'/);
  });

  void test('query.attributes: the JSON object of strings Jaeger UI sends for its tag filter', async () => {
    assert.deepEqual(await summaryIds({ 'query.attributes': '{"http.response.status_code":"200"}' }), [TRACE_A]);
    assert.deepEqual(await summaryIds({ 'query.attributes': '{"http.request.method":"GET","peer.service":"backend"}' }), [TRACE_A]);
    assert.deepEqual(await summaryIds({ 'query.attributes': '{"http.request.method":"POST"}' }), []);
    await expectErrorE(`/api/v3/trace-summaries?${uiQuery({ 'query.attributes': 'error=true' })}`, 400, /'query\.attributes'/);
  });

  void test('query.rawTraces is accepted (summaries are always adjusted); query.filter is refused, not ignored', async () => {
    assert.deepEqual(await summaryIds({ 'query.serviceName': 'inventory', 'query.rawTraces': 'true' }), [TRACE_E]);
    await expectErrorE(`/api/v3/trace-summaries?${uiQuery({ 'query.rawTraces': 'maybe' })}`, 400, /'query\.rawTraces'/);
    await expectErrorE(`/api/v3/trace-summaries?${uiQuery({ 'query.filter': '{"op":"eq"}' })}`, 400, /'query\.filter'/);
  });
});

void describe('Jaeger api_v3 camelCase parameters (Jaeger v2) and raw traces', () => {
  void test('GET /api/v3/traces takes the camelCase names; GET /api/v3/operations takes spanKind', async () => {
    const both = (await getE(`/api/v3/traces?${uiQuery({ 'query.serviceName': 'frontend', 'query.operationName': 'GET /checkout' })}`)).json;
    assert.deepEqual(spanIds(both), [SPAN_A1, SPAN_A2, SPAN_A3]);
    assert.deepEqual((await getE('/api/v3/operations?service=frontend&spanKind=client')).json, { operations: [{ name: 'GET /pay', spanKind: 'client' }] });
    await expectErrorE('/api/v3/operations?service=frontend&spanKind=upward', 400, /'spanKind'/);
  });

  void test('traces are adjusted (a shared id split) unless rawTraces asks for them as stored', async () => {
    const split = sharedServerSpanId(TRACE_E, SHARED_ID, 'warehouse');
    assert.deepEqual(spanIds((await getE(`/api/v3/traces/${TRACE_E}`)).json).sort(), ['e100000000000001', SHARED_ID, 'e400000000000004', split].sort());
    assert.deepEqual(spanIds((await getE(`/api/v3/traces/${TRACE_E}?rawTraces=true`)).json).sort(), ['e100000000000001', SHARED_ID, SHARED_ID, 'e400000000000004'].sort());
    assert.deepEqual(spanIds((await getE(`/api/v3/traces?${uiQuery({ 'query.serviceName': 'warehouse', 'query.rawTraces': 'true' })}`)).json).filter((x) => x === SHARED_ID).length, 2);
    await expectErrorE(`/api/v3/traces/${TRACE_E}?startTime=soon`, 400, /'startTime'/);
  });

  void test('every other route under /api/v3 is a 404 in the gateway\'s error shape', async () => {
    await expectErrorE('/api/v3/nothing', 404, /^no route GET \/api\/v3\/nothing$/);
    const post = await appE.inject({ method: 'POST', url: '/api/v3/trace-summaries' });
    assert.equal(post.statusCode, 404);
    assert.deepEqual(JSON.parse(post.body), { error: { httpCode: 404, message: 'no route POST /api/v3/trace-summaries' } });
  });
});
