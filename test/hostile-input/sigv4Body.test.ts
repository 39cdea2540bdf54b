// SigV4 did not bind the body: the verifier took the signed x-amz-content-sha256 on trust, so a signed request replayed
// with another body of the same length was stored, and UNSIGNED-PAYLOAD passed. Checked here with the real AWS SDK
// against the all-in-one CLI with api.auth set.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { GetSamplingRulesCommand, PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray';
import type { BuildMiddleware, DeserializeMiddleware } from '@smithy/types';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { rawRequest } from '../support/rawHttp.js';

const KEYS = { accessKeyId: 'AKIDHOSTILETEST', secretAccessKey: 'hostile-test-secret' };
const NOW = Math.floor(Date.now() / 1000);
const TRACE = `1-${NOW.toString(16)}-b00000000000000000000001`;
const SWAPPED = `1-${NOW.toString(16)}-b00000000000000000000002`;
const plain = (xray: string) => xray.slice(2, 10) + xray.slice(11);

interface SentRequest {
  headers: Record<string, string>;
  body: string;
}

/** The body of an SDK request as text (JSON protocols give a string or bytes). */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return '';
}

/** An SDK client for the API; `payloadHash` sets x-amz-content-sha256 before signing, as S3-style clients do. */
function client(a: AllInOne, payloadHash?: (body: string) => string, sent?: SentRequest[]): XRayClient {
  const c = new XRayClient({ endpoint: a.xrayApi, region: 'us-east-1', credentials: KEYS, maxAttempts: 1 });
  if (payloadHash !== undefined) {
    const setHash: BuildMiddleware<object, object> = (next) => async (args) => {
      const req = args.request as { headers: Record<string, string>; body?: unknown };
      req.headers['x-amz-content-sha256'] = payloadHash(bodyText(req.body));
      return next(args);
    };
    c.middlewareStack.add(setHash as never, { step: 'build', name: 'setPayloadHash' });
  }
  if (sent !== undefined) {
    // After signing (finalizeRequest), before the request goes out.
    const capture: DeserializeMiddleware<object, object> = (next) => async (args) => {
      const req = args.request as { headers: Record<string, string>; body?: unknown };
      sent.push({ headers: { ...req.headers }, body: bodyText(req.body) });
      return next(args);
    };
    c.middlewareStack.add(capture as never, { step: 'deserialize', name: 'captureSigned' });
  }
  return c;
}

async function refusal(p: Promise<unknown>): Promise<[string, number | undefined]> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; $metadata?: { httpStatusCode?: number } };
    return [err.name, err.$metadata?.httpStatusCode];
  }
  return ['no error', 200];
}

describe('SigV4 binds the body (all-in-one CLI with api.auth)', () => {
  let a: AllInOne;
  before(async () => {
    a = await startAllInOne({ edit: (c) => c.setIn(['receivers', 'awsxray', 'api', 'auth'], { access_key_id: KEYS.accessKeyId, secret_access_key: KEYS.secretAccessKey }) });
  });
  after(async () => {
    await a?.stop();
  });

  test('a signed request replayed with another body of the same length is refused and not stored', async () => {
    const sent: SentRequest[] = [];
    const c = client(a, (body) => createHash('sha256').update(body).digest('hex'), sent);
    try {
      const doc = { trace_id: TRACE, id: '1000000000000001', name: 'signed', start_time: NOW, end_time: NOW + 1 };
      const ok = await c.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(doc)] }));
      assert.deepEqual(ok.UnprocessedTraceSegments, []);
    } finally {
      c.destroy();
    }
    const signed = sent[0];
    assert.ok(signed !== undefined && signed.body.includes(TRACE));
    assert.ok(signed.headers['x-amz-content-sha256'] !== undefined && /x-amz-content-sha256/.test(signed.headers.authorization ?? ''), 'the payload hash is a signed header');
    const swapped = signed.body.replace(TRACE, SWAPPED);
    assert.equal(swapped.length, signed.body.length);
    const res = await rawRequest(`${a.xrayApi}/TraceSegments`, { method: 'POST', headers: signed.headers, body: swapped });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.headers['x-amzn-errortype'], 'InvalidSignatureException');
    assert.equal((await fetch(`${a.query}/api/v1/traces/${plain(SWAPPED)}`)).status, 404);
    assert.equal((await fetch(`${a.query}/api/v1/traces/${plain(TRACE)}`)).status, 200);
    const replayed = await rawRequest(`${a.xrayApi}/TraceSegments`, { method: 'POST', headers: signed.headers, body: signed.body });
    assert.equal(replayed.status, 200, 'the same body with its own signature still passes');
  });

  test('a request signed with UNSIGNED-PAYLOAD is refused', async () => {
    const c = client(a, () => 'UNSIGNED-PAYLOAD');
    try {
      assert.deepEqual(await refusal(c.send(new GetSamplingRulesCommand({}))), ['InvalidSignatureException', 403]);
    } finally {
      c.destroy();
    }
  });

  test('the SDK signing as it does by default (no payload hash header) passes', async () => {
    const c = client(a);
    try {
      const out = await c.send(new GetSamplingRulesCommand({}));
      assert.equal(out.SamplingRuleRecords?.[0]?.SamplingRule?.RuleName, 'Default');
    } finally {
      c.destroy();
    }
  });
});
