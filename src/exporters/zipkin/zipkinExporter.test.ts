import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { pino } from 'pino';
import { decodeZipkinV2Json } from '../../codecs/zipkin/decodeZipkinV2Json.js';
import { renderBatch } from '../../../test/codecs/zipkin/renderDecodeResult.js';
import { PipelineError } from '../../errors.js';
import { cloneBatch, countSpans } from '../../model/batch.js';
import { createCollectingConsumer, startTestReceiver } from '../../../test/receivers/zipkin/testReceiver.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { FIXTURES } from '../../../test/support/paths.js';
import type { ZipkinExporterConfig } from './config.js';
import { zipkinExporterFactory } from './factory.js';
import { createZipkinExporter } from './zipkinExporter.js';

function exporterConfig(raw: Record<string, unknown>): ZipkinExporterConfig {
  const config = structuredClone(raw);
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(zipkinExporterFactory.configSchema);
  assert.ok(validate(config), JSON.stringify(validate.errors));
  return config as unknown as ZipkinExporterConfig;
}

function newExporter(config: ZipkinExporterConfig) {
  const telemetry = createTelemetry();
  const logger = pino({ level: 'silent' });
  return { exporter: createZipkinExporter({ id: 'zipkin', logger, telemetry }, config), host: { logger, telemetry } };
}

/** An HTTP server that answers each request with the next of `replies` (the last one repeats). */
async function stubServer(replies: Array<{ status: number; headers?: Record<string, string> }>) {
  const requests: Array<{ contentType: string | undefined }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const reply = replies[Math.min(requests.length, replies.length - 1)] ?? { status: 500 };
      requests.push({ contentType: req.headers['content-type'] });
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers }).end(`reply ${reply.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/spans`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const fixture = readFileSync(join(FIXTURES, 'zipkin', 'openzipkin-zipkin', 'zipkin-lens-testdata', 'messaging-kafka.json'));

void describe('zipkin exporter', () => {
  void test('the config schema fills the defaults and requires a URL', () => {
    const config = exporterConfig({ endpoint: 'http://zipkin:9411/api/v2/spans' });
    assert.equal(config.format, 'json');
    assert.equal(config.default_service_name, 'unknown_service');
    assert.equal(config.sending_queue.enabled, true);
    const validate = new Ajv({ useDefaults: true, strict: false }).compile(zipkinExporterFactory.configSchema);
    assert.equal(validate({}), false);
    assert.equal(validate({ endpoint: 'zipkin:9411' }), false);
    assert.equal(validate({ endpoint: 'http://zipkin:9411', formats: 'json' }), false);
  });

  for (const format of ['json', 'proto'] as const) {
    void test(`delivers ${format} into a zipkin receiver, and the spans arrive equal`, async () => {
      const consumer = createCollectingConsumer();
      const receiver = await startTestReceiver(consumer);
      const { exporter, host } = newExporter(exporterConfig({ endpoint: `${receiver.url}/api/v2/spans`, format }));
      try {
        await exporter.start(host);
        const original = decodeZipkinV2Json(fixture).batch;
        const expected = renderBatch(original);
        await exporter.consume(cloneBatch(original));
        const [got, ...more] = await consumer.waitForSpans(countSpans(original));
        assert.equal(more.length, 0);
        assert.ok(got);
        assert.deepEqual(renderBatch(got), expected);
      } finally {
        await exporter.shutdown();
        await receiver.close();
      }
    });
  }

  void test('a 400 is permanent: not retried, refused with SB_EXPORT_REJECTED', async () => {
    const stub = await stubServer([{ status: 400 }]);
    const { exporter, host } = newExporter(exporterConfig({ endpoint: stub.url, sending_queue: { enabled: false }, retry_on_failure: { initial_interval: '10ms' } }));
    try {
      await exporter.start(host);
      await assert.rejects(exporter.consume(decodeZipkinV2Json(fixture).batch), (e: unknown) => e instanceof PipelineError && e.code === 'SB_EXPORT_REJECTED' && /answered 400: reply 400/.test(e.message));
      assert.equal(stub.requests.length, 1);
      assert.equal(stub.requests[0]?.contentType, 'application/json');
    } finally {
      await exporter.shutdown();
      await stub.close();
    }
  });

  // The wait is the longer of the backoff and Retry-After (src/pipeline/retry.ts; the sender's test checks that it
  // reads 1 s from the header).
  void test('a 503 with Retry-After: 1 is retried', { timeout: 30_000 }, async () => {
    const stub = await stubServer([{ status: 503, headers: { 'retry-after': '1' } }, { status: 202 }]);
    const { exporter, host } = newExporter(exporterConfig({ endpoint: stub.url, format: 'proto', sending_queue: { enabled: false }, retry_on_failure: { initial_interval: '1ms', max_interval: '1ms', max_elapsed_time: '0' } }));
    try {
      await exporter.start(host);
      await exporter.consume(decodeZipkinV2Json(fixture).batch);
      assert.equal(stub.requests.length, 2);
      assert.equal(stub.requests[1]?.contentType, 'application/x-protobuf');
    } finally {
      await exporter.shutdown();
      await stub.close();
    }
  });

  // A 1 ms backoff alone would retry; Retry-After: 2 makes the wait 2 s, past max_elapsed_time, so the retries end.
  void test('Retry-After is the shortest wait: one past max_elapsed_time ends the retries', { timeout: 30_000 }, async () => {
    const stub = await stubServer([{ status: 503, headers: { 'retry-after': '2' } }, { status: 202 }]);
    const { exporter, host } = newExporter(exporterConfig({ endpoint: stub.url, format: 'json', sending_queue: { enabled: false }, retry_on_failure: { initial_interval: '1ms', max_interval: '1ms', max_elapsed_time: '1s' } }));
    try {
      await exporter.start(host);
      await assert.rejects(exporter.consume(decodeZipkinV2Json(fixture).batch), (e: unknown) => e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED' && e.retryAfterMillis === 2000);
      assert.equal(stub.requests.length, 1);
    } finally {
      await exporter.shutdown();
      await stub.close();
    }
  });
});
