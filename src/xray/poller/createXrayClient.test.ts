import assert from 'node:assert/strict';
import { GetTraceSummariesCommand } from '@aws-sdk/client-xray';
import Fastify from 'fastify';
import { after, before, describe, test } from 'node:test';
import { createXrayClient } from './createXrayClient.js';
import { startFakeXrayApi, type FakeXrayApi } from '../../../test/xray/poller/startFakeXrayApi.js';

// AssumeRole's answer as STS's query protocol gives it (STS API reference, AssumeRole "Response Elements").
const assumeRoleXml = (expiration: string) => `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIATEMPORARYKEY</AccessKeyId>
      <SecretAccessKey>temporary-secret</SecretAccessKey>
      <SessionToken>temporary-session-token</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/xray-reader/spanbridge-xray</Arn><AssumedRoleId>AROA:spanbridge-xray</AssumedRoleId></AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;

describe('createXrayClient', () => {
  let api: FakeXrayApi;
  const sts = Fastify({ logger: false, forceCloseConnections: true });
  const stsBodies: string[] = [];
  const stsAuth: string[] = [];
  let stsUrl = '';
  before(async () => {
    api = await startFakeXrayApi();
    sts.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    sts.post('/', async (req, reply) => {
      stsBodies.push(String(req.body));
      stsAuth.push(String(req.headers.authorization));
      return reply.type('text/xml').send(assumeRoleXml(new Date(Date.now() + 3600_000).toISOString()));
    });
    await sts.listen({ host: '127.0.0.1', port: 0 });
    const a = sts.server.address();
    stsUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  after(async () => {
    await api.close();
    await sts.close();
  });

  test('the client calls the configured endpoint', async () => {
    const client = createXrayClient({ region: 'eu-west-1', endpoint: api.endpoint, accessKeyId: 'AKIDSTATIC', secretAccessKey: 's', maxAttempts: 1 });
    try {
      await client.send(new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date(1000) }));
    } finally {
      client.destroy();
    }
    assert.deepEqual(api.requests.at(-1), { route: '/TraceSummaries', body: { StartTime: 0, EndTime: 1 } });
  });

  test('role_arn assumes the role through STS with the static keys, then signs with the temporary credentials', async () => {
    const seen: Array<string | undefined> = [];
    const spy = Fastify({ logger: false, forceCloseConnections: true });
    spy.post('/TraceSummaries', async (req) => {
      seen.push(req.headers.authorization, String(req.headers['x-amz-security-token']));
      return { TraceSummaries: [] };
    });
    await spy.listen({ host: '127.0.0.1', port: 0 });
    const a = spy.server.address();
    const client = createXrayClient({
      region: 'us-west-2',
      endpoint: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
      roleArn: 'arn:aws:iam::123456789012:role/xray-reader',
      stsEndpoint: stsUrl,
      accessKeyId: 'AKIDSOURCE',
      secretAccessKey: 'source-secret',
      maxAttempts: 1,
    });
    try {
      await client.send(new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date(1000) }));
    } finally {
      client.destroy();
      await spy.close();
    }
    const body = new URLSearchParams(stsBodies.at(-1));
    assert.equal(body.get('Action'), 'AssumeRole');
    assert.equal(body.get('RoleArn'), 'arn:aws:iam::123456789012:role/xray-reader');
    assert.equal(body.get('RoleSessionName'), 'spanbridge-xray');
    assert.match(stsAuth.at(-1) ?? '', /Credential=AKIDSOURCE\//);
    assert.match(seen[0] ?? '', /Credential=ASIATEMPORARYKEY\/\d{8}\/us-west-2\/xray\/aws4_request/);
    assert.equal(seen[1], 'temporary-session-token');
  });
});
