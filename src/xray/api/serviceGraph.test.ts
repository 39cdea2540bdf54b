import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GetServiceGraphCommand, GetTraceGraphCommand, PutTraceSegmentsCommand, type Service, type XRayClient } from '@aws-sdk/client-xray';
import { REPO_ROOT } from '../../../test/support/paths.js';
import { shapeDifferences } from '../../../test/xray/api/jsonShape.js';
import { SIGNUP_TABLE, signupTraceDocuments } from '../../../test/xray/api/sampleDocuments.js';
import { startXrayApiWithStore, type XrayApiHarness } from '../../../test/xray/api/startXrayApiWithStore.js';

const EXAMPLE = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/xray/awsdocs-xray-developer-guide/gettingdata__getservicegraph-output.json'), 'utf8')) as { Services: unknown[] };
const APP = 'xray-sample.elasticbeanstalk.com';
const NOW = Math.floor(Date.now() / 1000);
const traceIdAt = (seconds: number, n: number) => `1-${seconds.toString(16).padStart(8, '0')}-${n.toString(16).padStart(24, '0')}`;
const WINDOW = { StartTime: NOW - 600, EndTime: NOW + 600 };

/** The service node and the client node of a name, and the inferred nodes by name. */
function nodes(services: Service[] | undefined): { service(name: string): Service | undefined; client(name: string): Service | undefined; edgeTo(from: Service | undefined, to: Service | undefined): NonNullable<Service['Edges']>[number] | undefined } {
  const all = services ?? [];
  return {
    service: (name) => all.find((s) => s.Name === name && s.Type !== 'client'),
    client: (name) => all.find((s) => s.Name === name && s.Type === 'client'),
    edgeTo: (from, to) => from?.Edges?.find((e) => e.ReferenceId === to?.ReferenceId),
  };
}

describe('GetServiceGraph and GetTraceGraph in the shapes X-Ray answers with', () => {
  let h: XrayApiHarness;
  let client: XRayClient;
  const ok = traceIdAt(NOW - 30, 0x51);
  const failed = traceIdAt(NOW - 20, 0x52);
  const solo = traceIdAt(NOW - 10, 0x53);

  before(async () => {
    h = await startXrayApiWithStore();
    client = h.client();
    const docs = [
      ...signupTraceDocuments(NOW - 30, ok, 1),
      ...signupTraceDocuments(NOW - 20, failed, 2, 400),
      // A service that calls nothing: X-Ray lists it all the same, entered by a client.
      { trace_id: solo, id: 'd000000000000001', name: 'solo', start_time: NOW - 10, end_time: NOW - 9.5 },
    ];
    const put = await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: docs.map((d) => JSON.stringify(d)) }));
    assert.deepEqual(put.UnprocessedTraceSegments, []);
    // The calls to AWS have no partner span, so the store adds them once its grace time (10 ms here) is over.
    for (let attempt = 0; ; attempt++) {
      const graph = await client.send(new GetServiceGraphCommand({ StartTime: new Date(WINDOW.StartTime * 1000), EndTime: new Date(WINDOW.EndTime * 1000) }));
      if (graph.Services?.some((s) => s.Name === 'signups') === true || attempt > 400) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  after(async () => h.close());

  test('every field of the answer is in the developer guide\'s example with the same type and nesting, and back', async () => {
    const res = await fetch(`${h.url}/ServiceGraph`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(WINDOW) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { Services: unknown[] } & Record<string, unknown>;
    assert.deepEqual(shapeDifferences(body.Services, EXAMPLE.Services), []);
    // Our graph has every kind of node the example has (client, root service, AWS resources), so no field is missing.
    assert.deepEqual(shapeDifferences(EXAMPLE.Services, body.Services), []);
    // Members of GetServiceGraph's result in the API reference (the example shows only Services).
    assert.deepEqual(Object.keys(body).filter((k) => !['StartTime', 'EndTime', 'Services', 'ContainsOldGroupVersions', 'NextToken'].includes(k)), []);
    assert.deepEqual([body.StartTime, body.EndTime], [WINDOW.StartTime, WINDOW.EndTime]);
  });

  test('every service, a client node per root service, AWS resources typed and named as X-Ray does (AWS SDK)', async () => {
    const out = await client.send(new GetServiceGraphCommand({ StartTime: new Date(WINDOW.StartTime * 1000), EndTime: new Date(WINDOW.EndTime * 1000) }));
    const services = out.Services ?? [];
    assert.deepEqual(services.map((s) => s.ReferenceId), services.map((_, i) => i));
    assert.deepEqual(services.map((s) => `${s.Name} ${s.Type ?? '-'} ${s.State}${s.Root === true ? ' root' : ''}`), [
      `${SIGNUP_TABLE} AWS::DynamoDB::Table unknown`,
      'signups AWS::SNS::Topic unknown',
      'solo - active root',
      'solo client unknown',
      `${APP} - active root`,
      `${APP} client unknown`,
    ]);
    const n = nodes(services);
    const app = n.service(APP);
    const table = n.service(SIGNUP_TABLE);
    const topic = n.service('signups');
    const entry = n.edgeTo(n.client(APP), app);
    assert.deepEqual(entry?.SummaryStatistics, { OkCount: 1, ErrorStatistics: { ThrottleCount: 0, OtherCount: 1, TotalCount: 1 }, FaultStatistics: { OtherCount: 0, TotalCount: 0 }, TotalCount: 2, TotalResponseTime: 0.314 });
    assert.deepEqual(entry?.ResponseTimeHistogram, [{ Value: 0.157, Count: 2 }]);
    assert.equal(n.client(APP)?.SummaryStatistics, undefined);
    assert.deepEqual(app?.SummaryStatistics, entry?.SummaryStatistics);
    assert.deepEqual(app?.DurationHistogram, [{ Value: 0.157, Count: 2 }]);
    assert.deepEqual(app?.Edges?.map((e) => e.ReferenceId), [table?.ReferenceId, topic?.ReferenceId]);
    const put = n.edgeTo(app, table);
    assert.deepEqual([put?.SummaryStatistics?.OkCount, put?.SummaryStatistics?.TotalCount, put?.SummaryStatistics?.TotalResponseTime], [2, 2, 0.152]);
    assert.deepEqual(put?.ResponseTimeHistogram, [{ Value: 0.076, Count: 2 }]);
    assert.deepEqual(put?.Aliases, []);
    assert.deepEqual(table?.ResponseTimeHistogram, [{ Value: 0.076, Count: 2 }]);
    assert.deepEqual(table?.Edges, []);
    assert.deepEqual(n.edgeTo(n.client('solo'), n.service('solo'))?.SummaryStatistics?.TotalCount, 1);
    assert.ok(app?.StartTime instanceof Date && app.StartTime.getTime() === WINDOW.StartTime * 1000);
  });

  test('GetTraceGraph: the traces\' client node, resources by name, the account and the times of each node', async () => {
    const out = await client.send(new GetTraceGraphCommand({ TraceIds: [ok, failed] }));
    const n = nodes(out.Services);
    const app = n.service(APP);
    assert.deepEqual([app?.Type, app?.Root, app?.AccountId], ['AWS::EC2::Instance', true, '123456789012']);
    assert.deepEqual(n.edgeTo(n.client(APP), app)?.SummaryStatistics?.ErrorStatistics, { ThrottleCount: 0, OtherCount: 1, TotalCount: 1 });
    const table = n.service(SIGNUP_TABLE);
    assert.equal(table?.Type, 'AWS::DynamoDB::Table');
    assert.deepEqual(n.edgeTo(app, table)?.ResponseTimeHistogram, [{ Value: 0.076, Count: 2 }]);
    assert.equal(n.service('signups')?.Type, 'AWS::SNS::Topic');
    // A node's times are those of its own calls: the table was first called 10 ms into the first trace.
    assert.equal(table?.StartTime?.getTime(), (NOW - 30 + 0.01) * 1000);
    assert.equal(app?.EndTime?.getTime(), (NOW - 20 + 0.157) * 1000);
  });
});
