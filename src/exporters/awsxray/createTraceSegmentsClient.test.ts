import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHttpReceiverServer } from '../../http/httpServer.js';
import { createXrayApiServer } from '../../xray/api/createXrayApiServer.js';
import type { XrayApiServer } from '../../xray/api/createXrayApiServer.js';
import { verifySigV4 } from '../../xray/api/sigv4/verifySigV4.js';
import { createTraceSegmentsClient } from './createTraceSegmentsClient.js';
import { awsXrayExporterTestConfig } from '../../../test/exporters/awsxray/testExporter.js';

const STATIC = { accessKeyId: 'AKIDSTATICKEY', secretAccessKey: 'static-secret' };
const TEMPORARY = { accessKeyId: 'ASIATEMPORARYKEY', secretAccessKey: 'temporary-secret', sessionToken: 'temporary-session-token' };
const DOC = JSON.stringify({ trace_id: '1-5759e988-bd862e3fe1be46a994272793', id: '1000000000000001', name: 'creds', start_time: 1465510280, end_time: 1465510281 });

/** Runs `fn` with environment variables set, restoring them after. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** An X-Ray API that accepts only requests signed with `keys`; counts what it was given. */
async function xrayApiFor(keys: { accessKeyId: string; secretAccessKey: string }): Promise<{ server: XrayApiServer; received: () => number }> {
  let spans = 0;
  const server = createXrayApiServer({ endpoint: '127.0.0.1:0', auth: keys, next: { consume: async () => void spans++ } });
  await server.start();
  return { server, received: () => spans };
}

describe('exporter credentials, checked by a signature-verifying X-Ray API', () => {
  test('static keys', async () => {
    const { server, received } = await xrayApiFor(STATIC);
    const client = createTraceSegmentsClient(awsXrayExporterTestConfig({ endpoint: server.url(), aws_access_key_id: STATIC.accessKeyId, aws_secret_access_key: STATIC.secretAccessKey }));
    try {
      assert.deepEqual(await client.put([DOC], AbortSignal.timeout(10_000)), []);
      assert.equal(received(), 1);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  test('the default chain (here: the environment) when no keys are configured', async () => {
    const { server, received } = await xrayApiFor(STATIC);
    const config = awsXrayExporterTestConfig({ endpoint: server.url() });
    delete config.aws_access_key_id;
    delete config.aws_secret_access_key;
    try {
      await withEnv({ AWS_ACCESS_KEY_ID: STATIC.accessKeyId, AWS_SECRET_ACCESS_KEY: STATIC.secretAccessKey, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' }, async () => {
        const client = createTraceSegmentsClient(config);
        try {
          assert.deepEqual(await client.put([DOC], AbortSignal.timeout(10_000)), []);
        } finally {
          client.destroy();
        }
      });
      assert.equal(received(), 1);
    } finally {
      await server.close();
    }
  });

  describe('role_arn: temporary keys from STS AssumeRole, asked for with the static keys', () => {
    const sts = createHttpReceiverServer({ maxRequestBodyBytes: 1 << 20, maxDecompressedBytes: 1 << 20 });
    const assumed: URLSearchParams[] = [];
    before(async () => {
      // A stand-in for STS (awsQuery protocol): checks the caller's signature, then hands out TEMPORARY.
      sts.post('/', async (request, reply) => {
        const body = request.body as Buffer;
        await verifySigV4({ method: request.method, url: request.url, headers: request.headers, body }, STATIC);
        assumed.push(new URLSearchParams(body.toString('utf8')));
        return reply.type('text/xml').send(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>${TEMPORARY.accessKeyId}</AccessKeyId><SecretAccessKey>${TEMPORARY.secretAccessKey}</SecretAccessKey><SessionToken>${TEMPORARY.sessionToken}</SessionToken><Expiration>${new Date(Date.now() + 3600_000).toISOString()}</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/xray-writer/spanbridge-awsxray</Arn><AssumedRoleId>AROATEST:spanbridge-awsxray</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></AssumeRoleResponse>`);
      });
      await sts.listen({ host: '127.0.0.1', port: 0 });
    });
    after(() => sts.close());

    test('PutTraceSegments is signed with the assumed role\'s keys', async () => {
      const { server, received } = await xrayApiFor(TEMPORARY);
      const address = sts.server.address();
      const stsUrl = `http://127.0.0.1:${address !== null && typeof address === 'object' ? address.port : 0}`;
      try {
        await withEnv({ AWS_ENDPOINT_URL_STS: stsUrl }, async () => {
          const client = createTraceSegmentsClient(awsXrayExporterTestConfig({ endpoint: server.url(), role_arn: 'arn:aws:iam::123456789012:role/xray-writer', aws_access_key_id: STATIC.accessKeyId, aws_secret_access_key: STATIC.secretAccessKey }));
          try {
            assert.deepEqual(await client.put([DOC], AbortSignal.timeout(10_000)), []);
          } finally {
            client.destroy();
          }
        });
        assert.equal(received(), 1);
        assert.equal(assumed.length, 1);
        assert.equal(assumed[0]?.get('Action'), 'AssumeRole');
        assert.equal(assumed[0]?.get('RoleArn'), 'arn:aws:iam::123456789012:role/xray-writer');
        assert.equal(assumed[0]?.get('RoleSessionName'), 'spanbridge-awsxray');
      } finally {
        await server.close();
      }
    });
  });
});
