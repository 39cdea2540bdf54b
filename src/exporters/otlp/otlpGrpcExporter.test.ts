import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createSecureless, type ServerHttp2Session } from 'node:http2';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Metadata, Server, ServerCredentials, status, type ServerUnaryCall, type ServiceDefinition, type sendUnaryData } from '@grpc/grpc-js';
import fc from 'fast-check';
import { pino } from 'pino';
import { decodeOtlpProto } from '../../codecs/otlp/decodeOtlpProto.js';
import { encodeExportResponseProto } from '../../codecs/otlp/exportResponse.js';
import { encodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { edgeCaseBatch } from '../../../test/codecs/otlp/testBatches.js';
import { TRACE_SERVICE_EXPORT_PATH } from '../../codecs/otlp/traceService.js';
import { PipelineError } from '../../errors.js';
import { arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { cloneBatch, countSpans } from '../../model/batch.js';
import type { Exporter } from '../../pipeline/component.js';
import { startTestReceiver, withSchemaDefaults, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import { srcPath } from '../../../test/support/paths.js';
import type { OtlpGrpcExporterConfig } from './config.js';
import { otlpGrpcExporterFactory } from './factory.js';

const logger = pino({ level: 'silent' });
const FAST_RETRY = { initial_interval: '5ms', max_interval: '20ms', max_elapsed_time: '5s' };
const CA_FILE = srcPath('exporters', 'otlp', 'testdata', 'server.crt');

async function startExporter(raw: Record<string, unknown>, telemetry: Telemetry = createTelemetry()): Promise<Exporter> {
  const config = withSchemaDefaults<OtlpGrpcExporterConfig>(otlpGrpcExporterFactory.configSchema, raw);
  const exporter = otlpGrpcExporterFactory.createExporter({ id: 'otlp', logger, telemetry }, config);
  await exporter.start({ logger, telemetry });
  return exporter;
}

type Reply = { code: number; retryDelayMillis?: number } | { response: Uint8Array };

interface Stub {
  address: string;
  port: number;
  calls: Array<{ metadata: Metadata; body: Buffer }>;
  close(): Promise<void>;
}

/** A TraceService answering each call with the next scripted reply (the last one repeats). */
async function startStub(replies: Reply[], tls = false): Promise<Stub> {
  const calls: Stub['calls'] = [];
  const server = new Server();
  const definition: ServiceDefinition = {
    Export: {
      path: TRACE_SERVICE_EXPORT_PATH,
      requestStream: false,
      responseStream: false,
      requestDeserialize: (b: Buffer) => b,
      requestSerialize: (b: Buffer) => b,
      responseSerialize: (b: Uint8Array) => Buffer.from(b),
      responseDeserialize: (b: Buffer) => b,
    },
  };
  server.addService(definition, {
    Export: (call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>) => {
      calls.push({ metadata: call.metadata, body: call.request });
      const reply = replies[Math.min(calls.length - 1, replies.length - 1)] ?? { response: new Uint8Array(0) };
      if ('response' in reply) {
        callback(null, reply.response);
        return;
      }
      const metadata = new Metadata();
      if (reply.retryDelayMillis !== undefined) metadata.set('grpc-status-details-bin', Buffer.from(encodeRpcStatusProto({ code: reply.code, message: 'x', retryDelayMillis: reply.retryDelayMillis })));
      callback({ code: reply.code, details: `scripted ${status[reply.code]}`, metadata });
    },
  });
  const credentials = tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: readFileSync(CA_FILE), private_key: readFileSync(srcPath('exporters', 'otlp', 'testdata', 'server.key')) }])
    : ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', credentials, (e, p) => (e ? reject(e) : resolve(p))));
  return { address: `127.0.0.1:${port}`, port, calls, close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

void describe('otlp (gRPC) exporter into an otlp receiver', () => {
  let r: TestReceiver;
  before(async () => {
    r = await startTestReceiver({ config: { protocols: { grpc: { endpoint: '127.0.0.1:0' } } } });
  });
  after(() => r.close());

  for (const settings of [{ compression: 'gzip' }, { compression: 'none' }]) {
    void test(`batches arrive equal (${JSON.stringify(settings)})`, async () => {
      const exporter = await startExporter({ endpoint: r.grpcAddress, tls: { insecure: true }, sending_queue: { enabled: false }, ...settings });
      try {
        await fc.assert(
          fc.asyncProperty(arbitraryTraceBatch(), async (batch) => {
            const expected = cloneBatch(batch);
            const before = r.received.length;
            await exporter.consume(batch);
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

  void test('an http:// endpoint means plaintext; queued batches are drained on shutdown', async () => {
    const exporter = await startExporter({ endpoint: `http://${r.grpcAddress}` });
    const before = r.received.length;
    await exporter.consume(edgeCaseBatch());
    await exporter.shutdown();
    assert.equal(r.received.length, before + 1);
    assert.deepStrictEqual(r.received.at(-1), edgeCaseBatch());
  });
});

void describe('otlp (gRPC) exporter against a scripted server', () => {
  void test('headers arrive as metadata, with the user agent', async () => {
    const stub = await startStub([{ response: new Uint8Array(0) }]);
    try {
      const exporter = await startExporter({ endpoint: stub.address, tls: { insecure: true }, headers: { Authorization: 'Bearer t0ken', 'x-tenant': 'acme' }, sending_queue: { enabled: false } });
      await exporter.consume(edgeCaseBatch());
      await exporter.shutdown();
      assert.equal(stub.calls.length, 1);
      const { metadata, body } = stub.calls[0] ?? assert.fail();
      assert.deepStrictEqual(metadata.get('authorization'), ['Bearer t0ken']);
      assert.deepStrictEqual(metadata.get('x-tenant'), ['acme']);
      assert.match(String(metadata.get('user-agent')[0]), /^spanbridge\//);
      assert.deepStrictEqual(decodeOtlpProto(body), edgeCaseBatch());
    } finally {
      await stub.close();
    }
  });

  void test('compression: gzip sends gzip-compressed messages; none sends them as they are', async () => {
    // A bare HTTP/2 server, since grpc-js hides grpc-encoding and the compressed-flag byte from handlers.
    const seen: Array<{ encoding: unknown; frame: Buffer }> = [];
    const server = createSecureless();
    server.on('stream', (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        seen.push({ encoding: headers['grpc-encoding'], frame: Buffer.concat(chunks) });
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        stream.end(Buffer.alloc(5));
      });
    });
    const sessions = new Set<ServerHttp2Session>();
    server.on('session', (s) => sessions.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      for (const compression of ['gzip', 'none']) {
        const exporter = await startExporter({ endpoint: `http://127.0.0.1:${port}`, compression, sending_queue: { enabled: false } });
        await exporter.consume(edgeCaseBatch());
        await exporter.shutdown();
      }
      const [gz, plain] = seen;
      assert.ok(gz && plain);
      assert.equal(gz.encoding, 'gzip');
      assert.equal(gz.frame[0], 1, 'compressed-flag byte');
      assert.deepStrictEqual(decodeOtlpProto(gunzipSync(gz.frame.subarray(5))), edgeCaseBatch());
      assert.equal(plain.encoding, undefined);
      assert.equal(plain.frame[0], 0);
      assert.deepStrictEqual(decodeOtlpProto(plain.frame.subarray(5)), edgeCaseBatch());
    } finally {
      // grpc-js may keep its connection pooled after the client closes; end it from this side.
      for (const s of sessions) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  for (const code of [status.CANCELLED, status.DEADLINE_EXCEEDED, status.ABORTED, status.OUT_OF_RANGE, status.UNAVAILABLE, status.DATA_LOSS]) {
    void test(`${status[code]} is retried`, async () => {
      const stub = await startStub([{ code }, { response: new Uint8Array(0) }]);
      try {
        const exporter = await startExporter({ endpoint: stub.address, tls: { insecure: true }, sending_queue: { enabled: false }, retry_on_failure: FAST_RETRY });
        await exporter.consume(edgeCaseBatch());
        await exporter.shutdown();
        assert.equal(stub.calls.length, 2);
      } finally {
        await stub.close();
      }
    });
  }

  for (const code of [status.INVALID_ARGUMENT, status.PERMISSION_DENIED, status.UNAUTHENTICATED, status.UNIMPLEMENTED, status.INTERNAL, status.RESOURCE_EXHAUSTED]) {
    void test(`${status[code]} without RetryInfo is permanent and not retried`, async () => {
      const stub = await startStub([{ code }, { response: new Uint8Array(0) }]);
      try {
        const exporter = await startExporter({ endpoint: stub.address, tls: { insecure: true }, sending_queue: { enabled: false }, retry_on_failure: FAST_RETRY });
        await assert.rejects(exporter.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_REJECTED' && e.message.includes(`scripted ${status[code]}`));
        await exporter.shutdown();
        assert.equal(stub.calls.length, 1);
      } finally {
        await stub.close();
      }
    });
  }

  // The wait is the longer of the backoff and the RetryInfo delay (src/pipeline/retry.ts, as in the Collector).
  void test('RESOURCE_EXHAUSTED with RetryInfo is retried after the given delay (OTLP specification, "OTLP/gRPC Throttling")', async () => {
    const stub = await startStub([{ code: status.RESOURCE_EXHAUSTED, retryDelayMillis: 20 }, { response: new Uint8Array(0) }]);
    try {
      const exporter = await startExporter({ endpoint: stub.address, tls: { insecure: true }, sending_queue: { enabled: false }, retry_on_failure: FAST_RETRY });
      await exporter.consume(edgeCaseBatch());
      await exporter.shutdown();
      assert.equal(stub.calls.length, 2);
    } finally {
      await stub.close();
    }
  });

  void test('a RetryInfo delay longer than the backoff sets the wait: one past max_elapsed_time ends the retries', async () => {
    const stub = await startStub([{ code: status.RESOURCE_EXHAUSTED, retryDelayMillis: 3_600_000 }, { response: new Uint8Array(0) }]);
    try {
      const exporter = await startExporter({ endpoint: stub.address, tls: { insecure: true }, sending_queue: { enabled: false }, retry_on_failure: FAST_RETRY });
      await assert.rejects(exporter.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED' && e.retryAfterMillis === 3_600_000);
      await exporter.shutdown();
      assert.equal(stub.calls.length, 1);
    } finally {
      await stub.close();
    }
  });

  void test('partial success counts the rejected spans as failed', async () => {
    const stub = await startStub([{ response: encodeExportResponseProto({ rejectedSpans: 1, errorMessage: 'too old' }) }]);
    const telemetry = createTelemetry();
    try {
      const exporter = await startExporter({ endpoint: stub.address, tls: { insecure: true }, sending_queue: { enabled: false } }, telemetry);
      await exporter.consume(edgeCaseBatch());
      await exporter.shutdown();
      assert.match(await telemetry.registry.metrics(), /spanbridge_exporter_send_failed_spans_total\{exporter="otlp"\} 1/);
    } finally {
      await stub.close();
    }
  });

  void test('an unreachable endpoint fails as retryable', async () => {
    const stub = await startStub([{ response: new Uint8Array(0) }]);
    await stub.close();
    const exporter = await startExporter({ endpoint: stub.address, tls: { insecure: true }, sending_queue: { enabled: false }, retry_on_failure: { enabled: false } });
    await assert.rejects(exporter.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED' && /UNAVAILABLE/.test(e.message));
    await exporter.shutdown();
  });

  void test('TLS: trusts tls.ca_file; without it the self-signed server is refused', async () => {
    const stub = await startStub([{ response: new Uint8Array(0) }], true);
    try {
      const trusting = await startExporter({ endpoint: `localhost:${stub.port}`, tls: { ca_file: CA_FILE }, sending_queue: { enabled: false } });
      await trusting.consume(edgeCaseBatch());
      await trusting.shutdown();
      assert.equal(stub.calls.length, 1);
      const untrusting = await startExporter({ endpoint: `https://localhost:${stub.port}`, sending_queue: { enabled: false }, retry_on_failure: { enabled: false } });
      await assert.rejects(untrusting.consume(edgeCaseBatch()), (e) => e instanceof PipelineError && e.code === 'SB_EXPORT_FAILED');
      await untrusting.shutdown();
      assert.equal(stub.calls.length, 1);
    } finally {
      await stub.close();
    }
  });
});
