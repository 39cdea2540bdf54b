import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { awsCliUnavailable, awsXray } from '../../../test/xray/api/runAwsCli.js';
import { SIGNUP_TABLE, sampleTraceDocuments, signupTraceDocuments } from '../../../test/xray/api/sampleDocuments.js';
import { TEST_KEYS, startXrayApiWithStore } from '../../../test/xray/api/startXrayApiWithStore.js';
import type { XrayApiHarness } from '../../../test/xray/api/startXrayApiWithStore.js';

const missing = awsCliUnavailable();
const NOW = Math.floor(Date.now() / 1000);
const TRACE_ID = `1-${NOW.toString(16)}-${'e'.repeat(24)}`;

function json(r: { code: number; stdout: string; stderr: string }): Record<string, unknown> {
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('X-Ray API through /usr/bin/aws xray --endpoint-url (SigV4 checked)', { skip: missing !== undefined && process.env.CI !== 'true' ? missing : false }, () => {
  let h: XrayApiHarness;
  const docs = sampleTraceDocuments(NOW - 30, TRACE_ID);

  before(async () => {
    assert.equal(missing, undefined, 'the AWS CLI must be installed in CI');
    h = await startXrayApiWithStore({ auth: TEST_KEYS });
  });
  after(async () => h?.close());

  test('put-trace-segments stores documents and lists the refused ones', async () => {
    const out = json(await awsXray(h.url, ['put-trace-segments', '--trace-segment-documents', ...docs.map((d) => JSON.stringify(d)), '{"name":"no-ids"}']));
    assert.deepEqual(out.UnprocessedTraceSegments, [{ Id: '', ErrorCode: 'MissingTraceId', Message: 'Invalid segment. ErrorCode: MissingTraceId, Cause: X-Ray document trace_id: missing' }]);
    assert.ok(await h.store.getTrace(TRACE_ID.slice(2, 10) + TRACE_ID.slice(11)));
  });

  test('get-trace-summaries with a filter expression', async () => {
    const window = ['--start-time', String(NOW - 120), '--end-time', String(NOW + 60)];
    const out = json(await awsXray(h.url, ['get-trace-summaries', ...window, '--filter-expression', 'service("front") AND annotation.tier = "gold" AND http.status = 503']));
    const summaries = out.TraceSummaries as Array<Record<string, unknown>>;
    assert.deepEqual(summaries.map((s) => [s.Id, s.HasFault, s.Duration, s.ResponseTime]), [[TRACE_ID, true, 3.5, 2]]);
    const none = json(await awsXray(h.url, ['get-trace-summaries', ...window, '--filter-expression', 'ok']));
    assert.deepEqual(none.TraceSummaries, []);
    const bad = await awsXray(h.url, ['get-trace-summaries', ...window, '--filter-expression', 'fault AND']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /InvalidRequestException.*FilterExpression: expected a keyword .* at position 10/);
  });

  test('batch-get-traces returns the documents as sent', async () => {
    const out = json(await awsXray(h.url, ['batch-get-traces', '--trace-ids', TRACE_ID, `1-${NOW.toString(16)}-${'f'.repeat(24)}`]));
    const traces = out.Traces as Array<{ Id: string; Segments: Array<{ Id: string; Document: string }> }>;
    assert.equal(traces[0]?.Id, TRACE_ID);
    assert.deepEqual(traces[0]?.Segments.map((s) => JSON.parse(s.Document) as { id: string }).sort((a, b) => a.id.localeCompare(b.id)), docs);
    assert.deepEqual(out.UnprocessedTraceIds, [`1-${NOW.toString(16)}-${'f'.repeat(24)}`]);
  });

  test('get-service-graph', async () => {
    const out = json(await awsXray(h.url, ['get-service-graph', '--start-time', String(NOW - 120), '--end-time', String(NOW + 60)]));
    const services = out.Services as Array<{ Name: string; ReferenceId: number; Edges: Array<{ ReferenceId: number }> }>;
    const front = services.find((s) => s.Name === 'front');
    const cart = services.find((s) => s.Name === 'cart');
    assert.ok(front !== undefined && cart !== undefined);
    assert.ok(front.Edges.some((e) => e.ReferenceId === cart.ReferenceId));
  });

  test('get-service-graph and get-trace-graph draw client nodes, AWS resources by name and response-time histograms', async () => {
    const signup = `1-${NOW.toString(16)}-${'5'.repeat(24)}`;
    json(await awsXray(h.url, ['put-trace-segments', '--trace-segment-documents', ...signupTraceDocuments(NOW - 40, signup, 7).map((d) => JSON.stringify(d))]));
    type Node = { Name: string; Type?: string; Root?: boolean; ReferenceId: number; Edges: Array<{ ReferenceId: number; ResponseTimeHistogram?: unknown; SummaryStatistics?: { TotalResponseTime?: number } }> };
    const window = ['--start-time', String(NOW - 120), '--end-time', String(NOW + 60)];
    let services: Node[] = [];
    // The call to DynamoDB has no partner span: the store adds it once its grace time is over.
    for (let attempt = 0; attempt < 100 && !services.some((s) => s.Name === SIGNUP_TABLE); attempt++) {
      services = json(await awsXray(h.url, ['get-service-graph', ...window])).Services as Node[];
    }
    const app = services.find((s) => s.Name === 'xray-sample.elasticbeanstalk.com' && s.Type !== 'client');
    const client = services.find((s) => s.Name === 'xray-sample.elasticbeanstalk.com' && s.Type === 'client');
    const table = services.find((s) => s.Name === SIGNUP_TABLE);
    assert.equal(app?.Root, true);
    assert.deepEqual(client?.Edges.map((e) => e.ReferenceId), [app?.ReferenceId]);
    assert.equal(table?.Type, 'AWS::DynamoDB::Table');
    const put = app?.Edges.find((e) => e.ReferenceId === table?.ReferenceId);
    assert.deepEqual(put?.ResponseTimeHistogram, [{ Value: 0.076, Count: 1 }]);
    assert.equal(put?.SummaryStatistics?.TotalResponseTime, 0.076);
    const graph = json(await awsXray(h.url, ['get-trace-graph', '--trace-ids', signup])).Services as Node[];
    assert.deepEqual(graph.map((s) => `${s.Name} ${s.Type ?? '-'}`).sort(), [`${SIGNUP_TABLE} AWS::DynamoDB::Table`, 'signups AWS::SNS::Topic', 'xray-sample.elasticbeanstalk.com AWS::EC2::Instance', 'xray-sample.elasticbeanstalk.com client']);
  });

  test('a request signed with other keys is refused', async () => {
    const server = await startXrayApiWithStore({ auth: { accessKeyId: TEST_KEYS.accessKeyId, secretAccessKey: 'another-secret' } });
    try {
      const r = await awsXray(server.url, ['get-sampling-rules']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /InvalidSignatureException/);
    } finally {
      await server.close();
    }
  });
});
