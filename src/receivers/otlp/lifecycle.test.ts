import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { otlpReceiverFactory } from './factory.js';
import { defaultedOtlpConfig, startTestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';

void describe('otlp receiver lifecycle', () => {
  void test('endpoints() reports the bound addresses and is empty after shutdown', async () => {
    const r = await startTestReceiver();
    assert.match(r.grpcAddress, /^127\.0\.0\.1:\d+$/);
    assert.match(r.httpBaseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(r.grpcAddress, '127.0.0.1:0');
    await r.close();
    assert.deepStrictEqual(r.receiver.endpoints?.(), {});
    await assert.rejects(fetch(`${r.httpBaseUrl}/v1/traces`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
  });

  void test('only the configured protocol listens', async () => {
    const r = await startTestReceiver({ config: { protocols: { http: { endpoint: '127.0.0.1:0' } } } });
    try {
      assert.deepStrictEqual(Object.keys(r.receiver.endpoints?.() ?? {}), ['http']);
    } finally {
      await r.close();
    }
  });

  void test('a port in use fails start and releases the listener already opened', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const telemetry = createTelemetry();
    const logger = pino({ level: 'silent' });
    const config = defaultedOtlpConfig({ protocols: { grpc: { endpoint: '127.0.0.1:0' }, http: { endpoint: `127.0.0.1:${port}` } } });
    const receiver = otlpReceiverFactory.createReceiver({ id: 'otlp', logger, telemetry }, config, { consume: async () => undefined });
    try {
      await assert.rejects(receiver.start({ logger, telemetry }), /EADDRINUSE/);
      assert.deepStrictEqual(receiver.endpoints?.(), {});
    } finally {
      await receiver.shutdown();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
