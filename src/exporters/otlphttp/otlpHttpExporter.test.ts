import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { pino } from 'pino';
import { decodeOtlpJson } from '../../codecs/otlp/decodeOtlpJson.js';
import { decodeOtlpProto } from '../../codecs/otlp/decodeOtlpProto.js';
import { encodeExportResponseJson, encodeExportResponseProto } from '../../codecs/otlp/exportResponse.js';
import { encodeRpcStatusJson } from '../../codecs/otlp/rpcStatus.js';
import { edgeCaseBatch } from '../../../test/codecs/otlp/testBatches.js';
import { PipelineError } from '../../errors.js';
import { arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { cloneBatch, countSpans } from '../../model/batch.js';
import type { Exporter } from '../../pipeline/component.js';
import { startTestReceiver, withSchemaDefaults, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import type { OtlpHttpExporterConfig } from './config.js';
import { otlpHttpExporterFactory } from './factory.js';

const logger = pino({ level: 'silent' });
const FAST_RETRY = { initial_interval: '5ms', max_interval: '20ms', max_elapsed_time: '5s' };

async function startExporter(raw: Record<string, unknown>, telemetry: Telemetry = createTelemetry()): Promise<Exporter> {
  const config = withSchemaDefaults<OtlpHttpExporterConfig>(otlpHttpExporterFactory.configSchema, raw);
  const exporter = otlpHttpExporterFactory.createExporter({ id: 'otlphttp', logger, telemetry }, config);
  await exporter.start({ logger, telemetry });
  return exporter;
}

interface Hit {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An HTTP server answering each request with the next scripted reply (the last one repeats). */
async function startStub(replies: Array<{ status: number; headers?: Record<string, string>; body?: string | Uint8Array }>): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const reply = replies[Math.min(hits.length - 1, replies.length - 1)] ?? { status: 200 };
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, hits, server };
}

function stopStub(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

void describe('otlphttp exporter into an otlp receiver', () => {
  let r: TestReceiver;
  before(async () => {
    r = await startTestReceiver({ config: { protocols: { http: { endpoint: '127.0.0.1:0' } } } });
  });
  after(() => r.close());

  for (const settings of [{}, { encoding: 'json', compression: 'none' }, { encoding: 'json' }, { compression: 'none' }]) {
    void test(`batches arrive equal (${JSON.stringify(settings)})`, async () => {
      // Without the queue, consume() resolves once the receiver has answered.
      const exporter = await startExporter({ endpoint: r.httpBaseUrl, sending_queue: { enabled: false }, ...settings });
      try {
        await fc.assert(
          fc.asyncProperty(arbitraryTraceBatch(), async (batch) => {
            const expected = cloneBatch(batch);
            const before = r.received.length;
            await exporter.consume(batch);
            // The receiver hands on only requests with spans.
            assert.equal(r.received.length, before + (countSpans(expected) > 0 ? 1 : 0));
            if (countSpans(expected) > 0) assert.deepStrictEqual(r.received.at(-1), expected);
          }),
          { numRuns: 25 },
        );
      } finally {
        await exporter.shutdown();
      }
    });
  }

  void test('the edge-case batch arrives equal after draining on shutdown', async () => {
    const exporter = await startExporter({ endpoint: `${r.httpBaseUrl}/` });
    const before = r.received.length;
    await exporter.consume(edgeCaseBatch());
    await exporter.shutdown();
    assert.equal(r.received.length, before + 1);
    assert.deepStrictEqual(r.received.at(-1), edgeCaseBatch());
  });
});

void describe('otlphttp exporter against a scripted server', () => {
  void test('sends to endpoint + /v1/traces with the configured headers, encoding and gzip', async () => {
    const stub = await startStub([{ status: 200, headers: { 'content-type': 'application/x-protobuf' }, body: encodeExportResponseProto() }]);
    try {
      const exporter = await startExporter({ endpoint: stub.url, headers: { authorization: 'Bearer t0ken', 'x-tenant': 'acme' } });
      await exporter.consume(edgeCaseBatch());
      await exporter.shutdown();
      assert.equal(stub.hits.length, 1);
      const hit = stub.hits[0] as Hit;
      assert.equal(hit.url, '/v1/traces');
      assert.equal(hit.headers.authorization, 'Bearer t0ken');
      assert.equal(hit.headers['x-tenant'], 'acme');
      assert.equal(hit.headers['content-type'], 'application/x-protobuf');
      assert.equal(hit.headers['content-encoding'], 'gzip');
      assert.match(hit.headers['user-agent'] ?? '', /^spanbridge\//);
      assert.deepStrictEqual(decodeOtlpProto(gunzipSync(hit.body)), edgeCaseBatch());
    } finally {
      await stopStub(stub.server);
    }
  });

  void test('traces_endpoint overrides endpoint; JSON without compression', async () => {
    const stub = await startStub([{ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }]);
    try {
      const exporter = await startExporter({ endpoint: 'http://127.0.0.1:1', traces_endpoint: `${stub.url}/custom/path`, encoding: 'json', compression: 'none', sending_queue: { enabled: false } });
      await exporter.consume(edgeCaseBatch());
      await exporter.shutdown();
      const hit = stub.hits[0] as Hit;
      assert.equal(hit.url, '/custom/path');
      assert.equal(hit.headers['content-type'], 'application/json');
      assert.equal(hit.headers['content-encoding'], undefined);
      assert.deepStrictEqual(decodeOtlpJson(hit.body), edgeCaseBatch());
    } finally {
      await stopStub(stub.server);
    }
  });

  void test('permanent errors (400) are not retried', async () => {
    const stub = await startStub([{ status: 400, headers: { 'content-type': 'application/json' }, body: encodeRpcStatusJson({ code: 3, message: 'spans[0].name: bad' }) }]);
    try {
      const exporter = await startExporter({ endpoint: stub.url, sending_queue: { enabled: false }, retry_on_failure: FAST_RETRY });
      await assert.rejects(exporter.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_REJECTED' && /HTTP 400: spans\[0\]\.name: bad/.test(e.message));
      await exporter.shutdown();
      assert.equal(stub.hits.length, 1);
    } finally {
      await stopStub(stub.server);
    }
  });

  for (const status of [429, 502, 503, 504]) {
    void test(`${status} is retried until it succeeds`, async () => {
      const stub = await startStub([{ status }, { status, headers: { 'retry-after': '0' } }, { status: 200 }]);
      try {
        const exporter = await startExporter({ endpoint: stub.url, sending_queue: { enabled: false }, retry_on_failure: FAST_RETRY });
        await exporter.consume(edgeCaseBatch());
        await exporter.shutdown();
        assert.equal(stub.hits.length, 3);
        assert.deepStrictEqual(stub.hits[2]?.body, stub.hits[0]?.body, 'the retried body is the same');
      } finally {
        await stopStub(stub.server);
      }
    });
  }

  void test('Retry-After is honoured: a long one ends the retries when it passes max_elapsed_time', async () => {
    const stub = await startStub([{ status: 503, headers: { 'retry-after': '3600' } }, { status: 200 }]);
    try {
      const exporter = await startExporter({ endpoint: stub.url, sending_queue: { enabled: false }, retry_on_failure: { ...FAST_RETRY, max_elapsed_time: '10s' } });
      await assert.rejects(exporter.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED' && e.retryAfterMillis === 3_600_000);
      await exporter.shutdown();
      assert.equal(stub.hits.length, 1);
    } finally {
      await stopStub(stub.server);
    }
  });

  void test('network errors are retryable', async () => {
    const stub = await startStub([{ status: 200 }]);
    const url = stub.url;
    await stopStub(stub.server);
    const exporter = await startExporter({ endpoint: url, sending_queue: { enabled: false }, retry_on_failure: { ...FAST_RETRY, max_elapsed_time: '100ms' } });
    await assert.rejects(exporter.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED' && /ECONNREFUSED/.test(e.message));
    await exporter.shutdown();
  });

  void test('a server that does not answer in time fails the attempt as retryable', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const exporter = await startExporter({ endpoint: `http://127.0.0.1:${port}`, timeout: '100ms', sending_queue: { enabled: false }, retry_on_failure: { enabled: false } });
      await assert.rejects(exporter.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.kind === 'retryable' && /timed out/.test(e.message));
      await exporter.shutdown();
    } finally {
      await stopStub(server);
    }
  });

  void test('partial success counts the rejected spans as failed', async () => {
    const stub = await startStub([{ status: 200, headers: { 'content-type': 'application/json' }, body: encodeExportResponseJson({ rejectedSpans: 1, errorMessage: 'span too old' }) }]);
    const telemetry = createTelemetry();
    try {
      const exporter = await startExporter({ endpoint: stub.url, encoding: 'json', sending_queue: { enabled: false } }, telemetry);
      await exporter.consume(edgeCaseBatch());
      await exporter.shutdown();
      const metrics = await telemetry.registry.metrics();
      assert.match(metrics, /spanbridge_exporter_send_failed_spans_total\{exporter="otlphttp"\} 1/);
    } finally {
      await stopStub(stub.server);
    }
  });
});
