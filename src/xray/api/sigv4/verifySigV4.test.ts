import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetSamplingRulesCommand, PutTraceSegmentsCommand } from '@aws-sdk/client-xray';
import { TEST_KEYS, startXrayApiWithStore } from '../../../../test/xray/api/startXrayApiWithStore.js';

async function failure(p: Promise<unknown>): Promise<[string, number | undefined]> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; $metadata?: { httpStatusCode?: number } };
    return [err.name, err.$metadata?.httpStatusCode];
  }
  return ['no error', 200];
}

describe('SigV4 verification (api.auth), with the AWS SDK signing', () => {
  test('the configured keys pass; another secret, another key id and no signature are refused', async () => {
    const h = await startXrayApiWithStore({ auth: TEST_KEYS });
    try {
      const doc = { trace_id: '1-5759e988-bd862e3fe1be46a994272793', id: '1000000000000009', name: 'signed', start_time: 1465510280, end_time: 1465510281 };
      const ok = await h.client().send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(doc)] }));
      assert.deepEqual(ok.UnprocessedTraceSegments, []);
      assert.ok(await h.store.getTrace('5759e988bd862e3fe1be46a994272793'));
      assert.deepEqual(await failure(h.client({ ...TEST_KEYS, secretAccessKey: 'wrong' }).send(new GetSamplingRulesCommand({}))), ['InvalidSignatureException', 403]);
      assert.deepEqual(await failure(h.client({ ...TEST_KEYS, accessKeyId: 'AKIDOTHER' }).send(new GetSamplingRulesCommand({}))), ['UnrecognizedClientException', 403]);
      const unsigned = await fetch(`${h.url}/GetSamplingRules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(unsigned.status, 403);
      assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    } finally {
      await h.close();
    }
  });

  test('a signature from more than 15 minutes away is refused', async () => {
    const h = await startXrayApiWithStore({ auth: TEST_KEYS, now: () => Date.now() + 16 * 60 * 1000 });
    try {
      assert.deepEqual(await failure(h.client().send(new GetSamplingRulesCommand({}))), ['InvalidSignatureException', 403]);
    } finally {
      await h.close();
    }
  });

  test('without api.auth, signatures are not checked', async () => {
    const h = await startXrayApiWithStore();
    try {
      const out = await h.client({ accessKeyId: 'anything', secretAccessKey: 'at all' }).send(new GetSamplingRulesCommand({}));
      assert.equal(out.SamplingRuleRecords?.[0]?.SamplingRule?.RuleName, 'Default');
    } finally {
      await h.close();
    }
  });
});
