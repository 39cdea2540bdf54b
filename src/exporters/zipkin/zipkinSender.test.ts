import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import { createZipkinSender } from './zipkinSender.js';

const empty: TraceBatch = { resourceSpans: [] };

async function answer(status: number, headers: Record<string, string> = {}): Promise<unknown> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const sender = createZipkinSender({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/spans`, format: 'json', default_service_name: 'unknown_service' });
    return await sender.send(empty, AbortSignal.timeout(10_000)).then(() => 'ok', (e: unknown) => e);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

void describe('zipkin sender', () => {
  void test('2xx is delivered; 429 and 5xx are retryable with Retry-After; other statuses are permanent', async () => {
    assert.equal(await answer(202), 'ok');
    const cases: Array<[number, Record<string, string>, string, number | undefined]> = [
      [503, { 'retry-after': '1' }, 'SB_EXPORT_FAILED', 1000],
      [429, { 'retry-after': '7' }, 'SB_EXPORT_FAILED', 7000],
      [500, {}, 'SB_EXPORT_FAILED', undefined],
      [404, {}, 'SB_EXPORT_REJECTED', undefined],
      [413, {}, 'SB_EXPORT_REJECTED', undefined],
    ];
    for (const [status, headers, code, retryAfterMillis] of cases) {
      const err = await answer(status, headers);
      assert.ok(err instanceof PipelineError, String(err));
      assert.deepEqual([err.code, err.kind, err.retryAfterMillis], [code, code === 'SB_EXPORT_FAILED' ? 'retryable' : 'permanent', retryAfterMillis]);
      assert.match(err.message, new RegExp(`answered ${status}`));
    }
  });

  void test('a connection failure is retryable', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const sender = createZipkinSender({ endpoint: `http://127.0.0.1:${port}/api/v2/spans`, format: 'proto', default_service_name: 'x' });
    await assert.rejects(sender.send(empty, AbortSignal.timeout(10_000)), (e: unknown) => e instanceof PipelineError && e.kind === 'retryable' && /ECONNREFUSED/.test(e.message));
  });
});
