import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BatchGetTracesCommand, GetSamplingRulesCommand, GetSamplingTargetsCommand, GetServiceGraphCommand, GetTraceGraphCommand,
  GetTraceSummariesCommand, PutTraceSegmentsCommand, XRayClient, paginateGetTraceSummaries,
} from '@aws-sdk/client-xray';
import type { GetServiceGraphCommandOutput } from '@aws-sdk/client-xray';
import { ORIGINAL_TRACE_ID_ANNOTATION } from '../../codecs/xray/xrayAttributeNames.js';
import { PipelineError } from '../../errors.js';
import { createXrayApiServer } from './createXrayApiServer.js';
import { sampleTraceDocuments } from '../../../test/xray/api/sampleDocuments.js';
import { startXrayApiWithStore } from '../../../test/xray/api/startXrayApiWithStore.js';
import type { XrayApiHarness } from '../../../test/xray/api/startXrayApiWithStore.js';

const NOW = Math.floor(Date.now() / 1000);
const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const traceIdAt = (seconds: number, n: number) => `1-${hex8(seconds)}-${n.toString(16).padStart(24, '0')}`;
const window = { StartTime: new Date((NOW - 600) * 1000), EndTime: new Date((NOW + 600) * 1000) };

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function metric(h: XrayApiHarness, name: string): Promise<number> {
  const m = (await h.telemetry.registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (m?.values ?? []).reduce((n, v) => n + v.value, 0);
}

describe('X-Ray API through the AWS SDK, over a SQLite store', () => {
  let h: XrayApiHarness;
  let client: XRayClient;
  const sampleId = traceIdAt(NOW - 10, 1);
  const sample = sampleTraceDocuments(NOW - 10, sampleId);

  before(async () => {
    h = await startXrayApiWithStore({ samplingRules: [{ rule_name: 'checkout', priority: 5, fixed_rate: 1, reservoir_size: 3, service_name: 'front', service_type: '*', host: '*', http_method: 'POST', url_path: '/checkout*', resource_arn: '*', attributes: {} }] });
    client = h.client();
    const put = await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: sample.map((d) => JSON.stringify(d)) }));
    assert.deepEqual(put.UnprocessedTraceSegments, []);
  });
  after(async () => h.close());

  test('PutTraceSegments stores valid documents and answers the others as UnprocessedTraceSegments', async () => {
    const good = { trace_id: traceIdAt(NOW - 5, 2), id: 'a000000000000001', name: 'solo', start_time: NOW - 5, end_time: NOW - 4 };
    const out = await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(good), JSON.stringify({ ...good, id: 'a000000000000002', trace_id: 'nope' }), 'not json'] }));
    assert.deepEqual(out.UnprocessedTraceSegments?.map((u) => [u.Id, u.ErrorCode]), [['a000000000000002', 'InvalidTraceId'], ['', 'InvalidSegment']]);
    assert.ok(await h.store.getTrace(good.trace_id.slice(2, 10) + good.trace_id.slice(11)));
    assert.ok((await metric(h, 'spanbridge_receiver_accepted_spans_total')) >= 1);
    assert.equal(await metric(h, 'spanbridge_receiver_refused_spans_total'), 2);
  });

  test('BatchGetTraces gives the documents back as they were sent; unknown ids are unprocessed', async () => {
    const out = await client.send(new BatchGetTracesCommand({ TraceIds: [sampleId, traceIdAt(NOW, 999)] }));
    assert.deepEqual(out.UnprocessedTraceIds, [traceIdAt(NOW, 999)]);
    const trace = out.Traces?.[0];
    assert.equal(trace?.Id, sampleId);
    assert.equal(trace?.Duration, 3.5);
    const got = (trace?.Segments ?? []).map((s) => JSON.parse(s.Document ?? '') as { id: string }).sort((a, b) => a.id.localeCompare(b.id));
    assert.deepEqual(got, sample);
    assert.deepEqual(trace?.Segments?.map((s) => s.Id).sort(), ['1000000000000001', '2000000000000001']);
    const tooMany = await errorOf(client.send(new BatchGetTracesCommand({ TraceIds: [1, 2, 3, 4, 5, 6].map((n) => traceIdAt(NOW, n)) })));
    assert.deepEqual(tooMany, { name: 'InvalidRequestException', message: 'TraceIds: at most 5 entries (got 6)', status: 400 });
  });

  test('a trace whose epoch the exporter rewrote is found by its X-Ray id and keeps its original id', async () => {
    const original = '00000001' + 'c'.repeat(24);
    const xrayId = `1-${hex8(NOW - 20)}-${'c'.repeat(24)}`;
    const doc = { trace_id: xrayId, id: 'b000000000000001', name: 'fixed', start_time: NOW - 20, end_time: NOW - 19, annotations: { [ORIGINAL_TRACE_ID_ANNOTATION]: original } };
    await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(doc)] }));
    assert.ok(await h.store.getTrace(original), 'stored under the original id');
    const out = await client.send(new BatchGetTracesCommand({ TraceIds: [xrayId] }));
    assert.deepEqual(JSON.parse(out.Traces?.[0]?.Segments?.[0]?.Document ?? ''), doc);
    const sums = await client.send(new GetTraceSummariesCommand({ ...window, FilterExpression: 'service("fixed")' }));
    assert.deepEqual(sums.TraceSummaries?.map((s) => s.Id), [xrayId]);
  });

  test('GetTraceSummaries filters on the trace and reports X-Ray\'s summary fields', async () => {
    const out = await client.send(new GetTraceSummariesCommand({ ...window, FilterExpression: 'service("cart") AND annotation.tier = "gold" AND fault AND responsetime >= 2 AND http.status = 503' }));
    assert.equal(out.TraceSummaries?.length, 1);
    const s = out.TraceSummaries?.[0];
    assert.equal(s?.Id, sampleId);
    assert.equal(s?.StartTime?.getTime(), (NOW - 10) * 1000);
    assert.deepEqual([s?.Duration, s?.ResponseTime, s?.HasFault, s?.HasError, s?.HasThrottle, s?.IsPartial], [3.5, 2, true, false, true, false]);
    assert.deepEqual(s?.Http, { HttpURL: 'http://shop/api/cart', HttpStatus: 503, HttpMethod: 'GET', UserAgent: 'curl/8', ClientIp: '10.0.0.1' });
    assert.deepEqual(s?.Annotations?.tier?.map((v) => v.AnnotationValue?.StringValue), ['gold', 'silver']);
    assert.deepEqual(s?.Annotations?.items?.[0]?.AnnotationValue, { NumberValue: 3 });
    assert.deepEqual(s?.Users, [{ UserName: 'alice', ServiceIds: [{ Name: 'front', Names: ['front'], Type: 'AWS::EC2::Instance' }] }]);
    assert.deepEqual(s?.EntryPoint, { Name: 'front', Names: ['front'], Type: 'AWS::EC2::Instance' });
    assert.deepEqual(s?.ServiceIds?.map((x) => x.Name), ['front', 'cart', 'DynamoDB']);
    const none = await client.send(new GetTraceSummariesCommand({ ...window, FilterExpression: 'service("cart") AND ok' }));
    assert.deepEqual(none.TraceSummaries, []);
    const earlier = await client.send(new GetTraceSummariesCommand({ StartTime: new Date((NOW - 3600) * 1000), EndTime: new Date((NOW - 1800) * 1000) }));
    assert.deepEqual(earlier.TraceSummaries, []);
  });

  test('TimeRangeType Event selects traces with a segment ending in the window', async () => {
    const end = NOW - 10 + 3.5;
    const hit = await client.send(new GetTraceSummariesCommand({ StartTime: new Date((end - 0.5) * 1000), EndTime: new Date((end + 0.5) * 1000), TimeRangeType: 'Event', FilterExpression: 'service("cart")' }));
    assert.deepEqual(hit.TraceSummaries?.map((s) => s.Id), [sampleId]);
    const byId = await client.send(new GetTraceSummariesCommand({ StartTime: new Date((end - 0.5) * 1000), EndTime: new Date((end + 0.5) * 1000), FilterExpression: 'service("cart")' }));
    assert.deepEqual(byId.TraceSummaries, []);
    const bad = await errorOf(client.send(new GetTraceSummariesCommand({ ...window, TimeRangeType: 'Later' as never })));
    assert.equal(bad.name, 'InvalidRequestException');
  });

  test('a bad filter is a 400 InvalidRequestException naming the position', async () => {
    const e = await errorOf(client.send(new GetTraceSummariesCommand({ ...window, FilterExpression: 'responsetime > fast' })));
    assert.deepEqual(e, { name: 'InvalidRequestException', message: 'FilterExpression: expected a number after responsetime > but found "fast" at position 16', status: 400 });
  });

  test('GetServiceGraph is built from the store\'s dependency edges', async () => {
    let services: GetServiceGraphCommandOutput;
    // The call to DynamoDB has no partner span, so the store adds it once its grace time (10 ms here) is over.
    for (let attempt = 0; ; attempt++) {
      services = await client.send(new GetServiceGraphCommand(window));
      if (services.Services?.some((s) => s.Name === 'DynamoDB') || attempt > 200) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    // Client nodes carry their root service's name; these assertions are about the services.
    const byName = new Map(services.Services?.filter((s) => s.Type !== 'client').map((s) => [s.Name, s]));
    const front = byName.get('front');
    assert.equal(front?.Root, true);
    assert.equal(front?.State, 'active');
    const cart = byName.get('cart');
    const edgeToCart = front?.Edges?.find((e) => e.ReferenceId === cart?.ReferenceId);
    assert.deepEqual(edgeToCart?.SummaryStatistics, { OkCount: 0, ErrorStatistics: { ThrottleCount: 1, OtherCount: 0, TotalCount: 1 }, FaultStatistics: { OtherCount: 0, TotalCount: 0 }, TotalCount: 1, TotalResponseTime: 1 });
    // An `aws` subsegment that names no table: X-Ray draws the AWS service.
    const dynamo = byName.get('DynamoDB');
    assert.deepEqual([dynamo?.State, dynamo?.Type], ['unknown', 'AWS::DynamoDB']);
    assert.ok(front?.Edges?.some((e) => e.ReferenceId === dynamo?.ReferenceId));
  });

  test('GetTraceGraph is computed from the traces\' segments, with response times', async () => {
    const out = await client.send(new GetTraceGraphCommand({ TraceIds: [sampleId] }));
    const byName = new Map(out.Services?.filter((s) => s.Type !== 'client').map((s) => [s.Name, s]));
    assert.deepEqual([...byName.keys()].sort(), ['DynamoDB', 'cart', 'front']);
    const front = byName.get('front');
    const toCart = front?.Edges?.find((e) => e.ReferenceId === byName.get('cart')?.ReferenceId);
    assert.equal(toCart?.SummaryStatistics?.ErrorStatistics?.ThrottleCount, 1);
    assert.equal(toCart?.SummaryStatistics?.TotalResponseTime, 1);
    assert.deepEqual(toCart?.ResponseTimeHistogram, [{ Value: 1, Count: 1 }]);
    assert.deepEqual(front?.SummaryStatistics?.FaultStatistics, { OtherCount: 1, TotalCount: 1 });
    assert.equal(byName.get('DynamoDB')?.Type, 'AWS::DynamoDB');
    assert.equal(byName.get('DynamoDB')?.SummaryStatistics?.TotalResponseTime, 0.125);
  });

  test('GetSamplingRules serves the configured rules, then X-Ray\'s Default; SamplingTargets shares reservoirs', async () => {
    const rules = await client.send(new GetSamplingRulesCommand({}));
    assert.deepEqual(rules.SamplingRuleRecords?.map((r) => [r.SamplingRule?.RuleName, r.SamplingRule?.Priority, r.SamplingRule?.FixedRate, r.SamplingRule?.ReservoirSize, r.SamplingRule?.HTTPMethod]), [['checkout', 5, 1, 3, 'POST'], ['Default', 10000, 0.05, 1, '*']]);
    const doc = (ClientID: string, RuleName = 'checkout') => ({ RuleName, ClientID, Timestamp: new Date(), RequestCount: 10, SampledCount: 3, BorrowCount: 0 });
    await client.send(new GetSamplingTargetsCommand({ SamplingStatisticsDocuments: [doc('client-a')] }));
    const out = await client.send(new GetSamplingTargetsCommand({ SamplingStatisticsDocuments: [doc('client-b'), doc('client-b', 'nope')] }));
    assert.deepEqual(out.SamplingTargetDocuments?.map((t) => [t.RuleName, t.FixedRate, t.ReservoirQuota, t.Interval]), [['checkout', 1, 1, 10]]);
    assert.deepEqual(out.UnprocessedStatistics?.map((u) => [u.RuleName, u.ErrorCode]), [['nope', '400']]);
    const a = await client.send(new GetSamplingTargetsCommand({ SamplingStatisticsDocuments: [doc('client-a')] }));
    assert.equal(a.SamplingTargetDocuments?.[0]?.ReservoirQuota, 2, 'client-a gets the remainder of 3 shared by two clients');
  });

  test('missing members and bad tokens are InvalidRequestExceptions naming them', async () => {
    assert.deepEqual(await errorOf(client.send(new GetTraceSummariesCommand({ EndTime: new Date() } as never))), { name: 'InvalidRequestException', message: 'StartTime: required', status: 400 });
    assert.equal((await errorOf(client.send(new GetTraceSummariesCommand({ ...window, NextToken: 'garbage' })))).message, 'NextToken: not a token this API returned');
    assert.equal((await errorOf(client.send(new GetServiceGraphCommand({ StartTime: window.EndTime, EndTime: window.StartTime })))).message, 'EndTime: must not be before StartTime');
  });

  test('errors have the AWS JSON shape; unknown operations are 404', async () => {
    const bad = await fetch(`${h.url}/TraceSummaries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"StartTime": ' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('x-amzn-errortype'), 'SerializationException');
    assert.match(((await bad.json()) as { message: string }).message, /request body is not valid JSON/);
    const unknown = await fetch(`${h.url}/Groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  });
});

describe('GetTraceSummaries paging', () => {
  test('NextToken pages through every match once (the SDK paginator follows it)', async () => {
    const h = await startXrayApiWithStore();
    try {
      const client = h.client();
      const ids = Array.from({ length: 230 }, (_, i) => traceIdAt(NOW - 100 + (i % 50), 1000 + i));
      for (let i = 0; i < ids.length; i += 50) {
        const docs = ids.slice(i, i + 50).map((id, j) => JSON.stringify({ trace_id: id, id: `c${String(i + j).padStart(15, '0')}`, name: (i + j) % 2 === 0 ? 'even' : 'odd', start_time: parseInt(id.slice(2, 10), 16), end_time: parseInt(id.slice(2, 10), 16) + 1 }));
        await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: docs }));
      }
      const first = await client.send(new GetTraceSummariesCommand(window));
      assert.equal(first.TraceSummaries?.length, 100);
      assert.ok(first.NextToken);
      const seen: string[] = [];
      let pages = 0;
      for await (const page of paginateGetTraceSummaries({ client }, { ...window, FilterExpression: 'service("even")' })) {
        pages++;
        for (const s of page.TraceSummaries ?? []) seen.push(s.Id ?? '');
      }
      assert.equal(pages, 2);
      assert.equal(new Set(seen).size, 115);
      assert.deepEqual([...seen].sort(), ids.filter((_, i) => i % 2 === 0).sort());
    } finally {
      await h.close();
    }
  });
});

describe('X-Ray API without a store, and with a refusing pipeline', () => {
  test('read routes say there is no store; PutTraceSegments passes the pipeline\'s refusal on as ThrottledException', async () => {
    const server = createXrayApiServer({ endpoint: '127.0.0.1:0', next: { consume: () => Promise.reject(new PipelineError('SB_QUEUE_FULL', 'exporter queue is full', { retryAfterMillis: 2000 })) } });
    await server.start();
    const client = new XRayClient({ endpoint: server.url(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    try {
      const e = await errorOf(client.send(new GetTraceSummariesCommand(window)));
      assert.equal(e.name, 'InvalidRequestException');
      assert.match(e.message, /GetTraceSummaries reads the trace store, and this endpoint has none/);
      const doc = { trace_id: traceIdAt(NOW, 1), id: 'd000000000000001', name: 'x', start_time: NOW, end_time: NOW + 1 };
      assert.deepEqual(await errorOf(client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(doc)] }))), { name: 'ThrottledException', message: 'exporter queue is full', status: 429 });
      const raw = await fetch(`${server.url()}/TraceSegments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ TraceSegmentDocuments: [JSON.stringify(doc)] }) });
      assert.equal(raw.headers.get('retry-after'), '2');
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
