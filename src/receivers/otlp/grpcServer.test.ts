import assert from 'node:assert/strict';
import { connect, constants as h2 } from 'node:http2';
import { after, before, describe, test } from 'node:test';
import { Client, Metadata, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { decodeExportResponseProto } from '../../codecs/otlp/exportResponse.js';
import { encodeOtlpProto } from '../../codecs/otlp/encodeOtlpProto.js';
import { decodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { edgeCaseBatch } from '../../../test/codecs/otlp/testBatches.js';
import { TRACE_SERVICE_EXPORT_PATH } from '../../codecs/otlp/traceService.js';
import { PipelineError } from '../../errors.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';

interface Answer {
  error: ServiceError | null;
  response?: Buffer;
}

function call(client: Client, body: Uint8Array): Promise<Answer> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      TRACE_SERVICE_EXPORT_PATH,
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => b,
      body,
      new Metadata(),
      {},
      (error, response) => resolve({ error, response }),
    );
  });
}

/** A gRPC request written by hand over HTTP/2, for what grpc-js clients will not send (unknown message encodings). */
function rawGrpc(address: string, headers: Record<string, string>, message: Buffer, compressed: boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://${address}`);
    session.on('error', reject);
    const req = session.request({ [h2.HTTP2_HEADER_METHOD]: 'POST', [h2.HTTP2_HEADER_PATH]: TRACE_SERVICE_EXPORT_PATH, 'content-type': 'application/grpc', te: 'trailers', ...headers });
    const out: Record<string, unknown> = {};
    req.on('response', (h) => Object.assign(out, h));
    req.on('trailers', (t) => Object.assign(out, t));
    req.on('data', () => undefined);
    req.on('end', () => {
      session.close();
      resolve(out);
    });
    req.on('error', reject);
    const prefix = Buffer.alloc(5);
    prefix.writeUInt8(compressed ? 1 : 0, 0);
    prefix.writeUInt32BE(message.length, 1);
    req.end(Buffer.concat([prefix, message]));
  });
}

void describe('otlp receiver, gRPC transport', () => {
  let r: TestReceiver;
  let client: Client;
  let gzipClient: Client;
  before(async () => {
    r = await startTestReceiver({ config: { protocols: { grpc: { endpoint: '127.0.0.1:0', max_recv_msg_size_mib: 1 } }, max_spans_per_request: 3 } });
    client = new Client(r.grpcAddress, credentials.createInsecure());
    gzipClient = new Client(r.grpcAddress, credentials.createInsecure(), { 'grpc.default_compression_algorithm': 2 });
  });
  after(async () => {
    client.close();
    gzipClient.close();
    await r.close();
  });

  async function expectGoodRequestStillWorks(): Promise<void> {
    const before = r.received.length;
    const answer = await call(client, encodeOtlpProto(edgeCaseBatch()));
    assert.equal(answer.error, null);
    assert.equal(r.received.length, before + 1);
  }

  void test('accepts an export and answers with an empty ExportTraceServiceResponse', async () => {
    const answer = await call(client, encodeOtlpProto(edgeCaseBatch()));
    assert.equal(answer.error, null);
    assert.ok(answer.response);
    assert.equal(decodeExportResponseProto(answer.response), undefined);
    assert.deepStrictEqual(r.received.at(-1), edgeCaseBatch());
  });

  void test('accepts gzip-compressed messages', async () => {
    const answer = await call(gzipClient, encodeOtlpProto(edgeCaseBatch()));
    assert.equal(answer.error, null);
    assert.deepStrictEqual(r.received.at(-1), edgeCaseBatch());
  });

  void test('malformed protobuf: INVALID_ARGUMENT with the problem in the message', async () => {
    const answer = await call(client, Buffer.from([0x0a, 0x04, 0x12, 0x02, 0x12, 0x00]));
    assert.equal(answer.error?.code, status.INVALID_ARGUMENT);
    assert.match(answer.error?.details ?? '', /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.traceId: expected 16 bytes, got 0/);
    await expectGoodRequestStillWorks();
  });

  void test('oversized message: RESOURCE_EXHAUSTED', async () => {
    const answer = await call(client, Buffer.alloc(2 * 1024 * 1024, 0x0a));
    assert.equal(answer.error?.code, status.RESOURCE_EXHAUSTED);
    await expectGoodRequestStillWorks();
  });

  void test('gzip bomb: RESOURCE_EXHAUSTED once the decompressed size passes the limit', async () => {
    const answer = await call(gzipClient, Buffer.alloc(64 * 1024 * 1024));
    assert.equal(answer.error?.code, status.RESOURCE_EXHAUSTED);
    assert.match(answer.error?.details ?? '', /decompress/i);
    await expectGoodRequestStillWorks();
  });

  void test('unsupported message encoding or content type is refused and the server keeps serving', async () => {
    const unknownEncoding = await rawGrpc(r.grpcAddress, { 'grpc-encoding': 'snappy' }, Buffer.from('xx'), true);
    assert.equal(unknownEncoding['grpc-status'], String(status.UNIMPLEMENTED));
    const notGrpc = await rawGrpc(r.grpcAddress, { 'content-type': 'application/json' }, Buffer.from('{}'), false);
    assert.equal(notGrpc[':status'], 415);
    await expectGoodRequestStillWorks();
  });

  void test('too many spans: RESOURCE_EXHAUSTED without RetryInfo (not retryable)', async () => {
    const batch = edgeCaseBatch();
    const ss = batch.resourceSpans[0]?.scopeSpans[0];
    const span = ss?.spans[0];
    assert.ok(ss && span);
    ss.spans = [span, span, span, span];
    const answer = await call(client, encodeOtlpProto(batch));
    assert.equal(answer.error?.code, status.RESOURCE_EXHAUSTED);
    assert.match(answer.error?.details ?? '', /over the limit of 3/);
    assert.deepStrictEqual(answer.error?.metadata.get('grpc-status-details-bin'), []);
  });

  void test('retryable consumer errors: RESOURCE_EXHAUSTED / UNAVAILABLE with google.rpc.RetryInfo', async () => {
    r.failWith(new PipelineError('SB_QUEUE_FULL', 'queue full', { retryAfterMillis: 1500 }));
    const full = await call(client, encodeOtlpProto(edgeCaseBatch()));
    assert.equal(full.error?.code, status.RESOURCE_EXHAUSTED);
    const details = full.error?.metadata.get('grpc-status-details-bin')[0];
    assert.ok(Buffer.isBuffer(details));
    assert.deepStrictEqual(decodeRpcStatusProto(details), { code: status.RESOURCE_EXHAUSTED, message: 'queue full', retryDelayMillis: 1500 });

    for (const code of ['SB_MEMORY_LIMIT', 'SB_SHUTTING_DOWN'] as const) {
      r.failWith(new PipelineError(code, 'not now'));
      const answer = await call(client, encodeOtlpProto(edgeCaseBatch()));
      assert.equal(answer.error?.code, status.UNAVAILABLE, code);
      assert.equal(answer.error?.metadata.get('grpc-status-details-bin').length, 1);
    }
    r.failWith(undefined);
    await expectGoodRequestStillWorks();
  });

  void test('counts accepted and refused spans for the grpc transport', async () => {
    assert.ok((await r.counter('spanbridge_receiver_accepted_spans_total', { transport: 'grpc' })) >= 6);
    assert.equal(await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'grpc', code: 'SB_MALFORMED' }), 1);
    assert.equal(await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'grpc', code: 'SB_TOO_MANY_SPANS' }), 4);
    assert.equal(await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'grpc', code: 'SB_QUEUE_FULL' }), 1);
    assert.equal(await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'grpc', code: 'SB_MEMORY_LIMIT' }), 1);
  });
});
