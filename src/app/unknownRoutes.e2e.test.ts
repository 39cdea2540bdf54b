// Through the real CLI: an unknown route on any port of the all-in-one answers 404 with the project's error body and
// code (docs/errors.md), or the error shape of the API that owns the path, never Fastify's default body.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { allInOneConfig } from '../../test/support/allInOneConfig.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';

describe('unknown routes on every port of the all-in-one', () => {
  let cli: CliProcess;
  before(async () => {
    cli = await startCli(['--config', allInOneConfig()]);
  });
  after(async () => {
    await cli?.stop();
  });

  async function expectProjectNotFound(address: string | undefined, method: string, path: string): Promise<void> {
    assert.ok(address);
    const res = await fetch(`http://${address}${path}`, { method });
    assert.equal(res.status, 404, `${address}${path}`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await res.json(), { error: { code: 'SB_NOT_FOUND', message: `no route ${method} ${path}` } }, `${address}${path}`);
  }

  test('zipkin (9411), otlp http (4318), telemetry (8888) and the query port outside the UI\'s routes', async () => {
    const ports = [cli.receivers.zipkin?.http, cli.receivers.otlp?.http, cli.telemetryAddress, cli.queryAddress];
    for (const address of ports) {
      await expectProjectNotFound(address, 'GET', '/nothing/here');
      await expectProjectNotFound(address, 'POST', '/v2/spans');
    }
    await expectProjectNotFound(cli.receivers.zipkin?.http, 'GET', '/zipkin/api/v1/spans');
    await expectProjectNotFound(cli.queryAddress, 'GET', '/api/nothing');
  });

  test('the query port: api_v3\'s error shape under /api/v3, the UI page on its own routes', async () => {
    const res = await fetch(`http://${cli.queryAddress}/api/v3/nothing`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: { httpCode: 404, message: 'no route GET /api/v3/nothing' } });
    const page = await fetch(`http://${cli.queryAddress}/trace/0123456789abcdef`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  });

  test('the X-Ray API (2000) answers AWS\'s UnknownOperationException, which the AWS SDK and CLI parse', async () => {
    const res = await fetch(`http://${cli.receivers.awsxray?.http}/nothing/here`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.deepEqual(await res.json(), { __type: 'UnknownOperationException', message: 'no X-Ray operation at GET /nothing/here' });
  });
});
