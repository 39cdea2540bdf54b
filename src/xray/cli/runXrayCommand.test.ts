import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { forEachSpan } from '../../model/batch.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';
import { startFakeXrayApi, type FakeXrayApi } from '../../../test/xray/poller/startFakeXrayApi.js';
import { runXrayCommand, type XrayCommandIo } from './runXrayCommand.js';

function io(env: Record<string, string | undefined> = {}): XrayCommandIo & { out: string; err: string } {
  const r = {
    out: '',
    err: '',
    env,
    stdout: { write: (t: string) => (r.out += t) },
    stderr: { write: (t: string) => (r.err += t) },
  };
  return r;
}

describe('runXrayCommand', () => {
  let sink: TestReceiver;
  let api: FakeXrayApi;
  before(async () => {
    sink = await startTestReceiver();
    api = await startFakeXrayApi();
  });
  after(async () => {
    await sink.close();
    await api.close();
  });

  test('send-sample posts the Scorekeep trace as OTLP protobuf; the sink gets every span under one trace id', async () => {
    const r = io();
    const code = await runXrayCommand(['send-sample', '--endpoint', sink.httpBaseUrl, '--header', 'Authorization=Api-Token x'], r);
    assert.equal(code, 0, r.err);
    const m = /sent X-Ray trace (1-[0-9a-f]{8}-[0-9a-f]{24}) \((\d+) spans, OpenTelemetry trace id ([0-9a-f]{32})\)/.exec(r.out);
    assert.ok(m, r.out);
    const batch = sink.received.at(-1);
    assert.ok(batch);
    const names: string[] = [];
    const traceIds = new Set<string>();
    forEachSpan(batch, (s) => {
      names.push(s.name);
      traceIds.add(s.traceId);
    });
    assert.equal(names.length, Number(m[2]));
    assert.deepEqual([...traceIds], [m[3]]);
    assert.equal(m[3], `${m[1]!.slice(2, 10)}${m[1]!.slice(11)}`);
    for (const n of ['Scorekeep', 'Lambda', '## UserModel.saveUser', 'DynamoDB', 'SNS', 'random-name']) assert.ok(names.includes(n), `span ${n} missing from ${names.join(', ')}`);
    const epoch = parseInt(m[1]!.slice(2, 10), 16);
    assert.ok(Math.abs(epoch - Date.now() / 1000) < 3600, 'the sample is moved to now');
  });

  test('send-sample reports a refusal and exits 1', async () => {
    const r = io();
    assert.equal(await runXrayCommand(['send-sample', '--endpoint', `${sink.httpBaseUrl}/nowhere/v1/traces`], r), 1);
    assert.match(r.err, /send-sample failed: POST .*\/nowhere\/v1\/traces: HTTP 404/);
  });

  test('generate-sample puts the sample documents (no inferred segments) with the AWS SDK, SigV4-signed', async () => {
    const r = io({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
    const code = await runXrayCommand(['generate-sample', '--endpoint', api.endpoint, '--region', 'eu-west-1'], r);
    assert.equal(code, 0, r.err);
    const traceId = /put X-Ray trace (1-[0-9a-f]{8}-[0-9a-f]{24}) \(3 segment documents\)/.exec(r.out)?.[1];
    assert.ok(traceId, r.out);
    const put = api.requests.filter((q) => q.route === '/TraceSegments').at(-1);
    const docs = (put?.body.TraceSegmentDocuments as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);
    assert.equal(docs.length, 3);
    for (const d of docs) {
      assert.equal(d.trace_id, traceId);
      assert.equal(d.inferred, undefined);
    }
    const root = docs.find((d) => d.name === 'Scorekeep');
    const lambda = docs.find((d) => d.origin === 'AWS::Lambda');
    assert.equal(lambda?.parent_id, (root?.subsegments as Array<{ id: string }>)[0]?.id, 'parent ids follow the fresh segment ids');
  });

  test('generate-sample takes the endpoint and region from the environment and reports X-Ray errors', async () => {
    api.fail(1, '/TraceSegments', 400, 'InvalidRequestException');
    const r = io({ AWS_ENDPOINT_URL_XRAY: api.endpoint, AWS_REGION: 'us-west-2', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' });
    assert.equal(await runXrayCommand(['generate-sample'], r), 1);
    assert.match(r.err, /generate-sample failed: InvalidRequestException \(HTTP 400\)/);
  });

  test('usage errors exit 2 with the usage; --help exits 0', async () => {
    let r = io();
    assert.equal(await runXrayCommand([], r), 2);
    assert.match(r.err, /spanbridge xray send-sample --endpoint URL/);
    r = io();
    assert.equal(await runXrayCommand(['send-sample'], r), 2);
    assert.match(r.err, /send-sample needs --endpoint/);
    r = io();
    assert.equal(await runXrayCommand(['frobnicate'], r), 2);
    assert.match(r.err, /unknown xray command "frobnicate"/);
    r = io();
    assert.equal(await runXrayCommand(['send-sample', '--endpoint', 'http://x', '--header', 'novalue'], r), 2);
    r = io();
    assert.equal(await runXrayCommand(['generate-sample', '--bogus'], r), 2);
    r = io();
    assert.equal(await runXrayCommand(['--help'], r), 0);
    assert.match(r.out, /generate-sample/);
  });
});
