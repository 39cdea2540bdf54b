// Answers, limits and counts of the span listeners: what a malformed body, a body or span count over its limit and a
// pipeline refusal get on each transport, and that a sender hears of success only after the pipeline accepted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Client, credentials, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { COLLECTOR_POST_SPANS_PATH, PostSpansRequestType } from '../../codecs/jaeger/jaegerProto.js';
import { PipelineError } from '../../errors.js';
import { createTenancy } from '../../http/tenancy.js';
import type { TraceBatch } from '../../model/span.js';
import type { Consumer } from '../../pipeline/component.js';
import { encodeAgentMessage, encodeThriftBatch } from '../../../test/codecs/jaeger/writeThrift.js';
import { createCollectingConsumer } from '../../../test/receivers/zipkin/testReceiver.js';
import { eventually, sendDatagram, startTestJaegerReceiver } from '../../../test/receivers/jaeger/testJaegerReceiver.js';

const span = (id: bigint) => ({ traceIdLow: 7n, traceIdHigh: 0n, spanId: id, parentSpanId: 0n, operationName: `op-${id}`, flags: 1, startTime: 1_700_000_000_000_000n, duration: 10n });
const batchOf = (n: number) => ({ process: { serviceName: 'svc' }, spans: Array.from({ length: n }, (_, i) => span(BigInt(i + 1))) });
const THRIFT = { 'content-type': 'application/x-thrift' };

function post(url: string, body: Uint8Array, headers: Record<string, string> = THRIFT): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers });
}

function grpcPostSpans(endpoint: string, bytes: Uint8Array, metadata = new Metadata()): Promise<ServiceError | null> {
  const client = new Client(endpoint, credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(COLLECTOR_POST_SPANS_PATH, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, bytes, metadata, (err) => {
      client.close();
      resolve(err);
    });
  });
}

const postSpansBytes = (n: number) =>
  PostSpansRequestType.encode(PostSpansRequestType.fromObject({ batch: { process: { serviceName: 'g' }, spans: Array.from({ length: n }, (_, i) => ({ traceId: Buffer.alloc(16, 1), spanId: Buffer.from([0, 0, 0, 0, 0, 0, 0, i + 1]), operationName: 'x' })) } })).finish();

void describe('jaeger receiver answers', () => {
  void test('thrift_http: 202 for a batch (also gzip); 415 for another Content-Type; 400 naming a malformed field; 413 over the limits', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestJaegerReceiver(consumer, { max_spans_per_request: 3, protocols: { thrift_http: { endpoint: '127.0.0.1:0', max_request_body_size: 2048, max_decompressed_body_size: 4096 } } });
    const url = `http://${r.endpoints.thrift_http}/api/traces`;
    try {
      assert.equal((await post(url, encodeThriftBatch(batchOf(2)))).status, 202);
      assert.equal((await post(url, gzipSync(encodeThriftBatch(batchOf(1))), { ...THRIFT, 'content-encoding': 'gzip' })).status, 202);
      assert.equal((await post(url, encodeThriftBatch(batchOf(0)), { 'content-type': 'application/vnd.apache.thrift.binary' })).status, 202, 'an empty batch is accepted');
      assert.equal(consumer.batches.length, 2, 'an empty batch is not handed on');

      const cases: Array<[Uint8Array, Record<string, string>, number, RegExp]> = [
        [encodeThriftBatch(batchOf(1)), { 'content-type': 'application/json' }, 415, /^unsupported Content-Type "application\/json"/],
        [encodeThriftBatch(batchOf(1)).subarray(0, 40), THRIFT, 400, /^body is not a Jaeger Thrift Batch: batch\.spans\[0\]\.\w+: the body ends inside this value$/],
        [encodeThriftBatch({ process: { serviceName: 's' }, spans: [{ ...span(1n), traceIdLow: 0n }] }), THRIFT, 400, /^no usable span in the request: spans\[0\]\.traceId: "0{32}" is not a non-zero 128-bit id$/],
        [encodeThriftBatch(batchOf(4)), THRIFT, 413, /^the request holds 4 spans; the limit is 3 \(max_spans_per_request\)$/],
        [Buffer.alloc(3000), THRIFT, 413, /^request body is over the limit of 2048 bytes/],
        [gzipSync(Buffer.alloc(8192)), { ...THRIFT, 'content-encoding': 'gzip' }, 413, /^decompressed body is over the limit of 4096 bytes$/],
      ];
      for (const [body, headers, status, message] of cases) {
        const res = await post(url, body, headers);
        assert.equal(res.status, status, message.source);
        assert.match(await res.text(), message);
      }
      assert.equal(await r.metric('spanbridge_receiver_refused_spans_total', 'transport="http"', 'code="SB_TOO_MANY_SPANS"'), 4);
      assert.equal(await r.metric('spanbridge_receiver_refused_spans_total', 'transport="http"', 'code="SB_MALFORMED"'), 2);
      assert.equal(await r.metric('spanbridge_receiver_accepted_spans_total', 'transport="http"'), 3);
    } finally {
      await r.close();
    }
  });

  void test('a pipeline refusal is answered with its status (and Retry-After) on HTTP and its code on gRPC', async () => {
    let refusal: PipelineError = new PipelineError('SB_QUEUE_FULL', 'queue is full', { retryAfterMillis: 2500 });
    const refusing: Consumer = { consume: () => Promise.reject(refusal) };
    const r = await startTestJaegerReceiver(refusing);
    try {
      const res = await post(`http://${r.endpoints.thrift_http}/api/traces`, encodeThriftBatch(batchOf(1)));
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '3');
      assert.equal(await res.text(), 'queue is full');
      assert.equal((await grpcPostSpans(r.endpoints.grpc ?? '', postSpansBytes(1)))?.code, GrpcStatus.RESOURCE_EXHAUSTED);
      refusal = new PipelineError('SB_MEMORY_LIMIT', 'memory limit');
      assert.equal((await post(`http://${r.endpoints.thrift_http}/api/traces`, encodeThriftBatch(batchOf(1)))).status, 503);
      assert.equal((await grpcPostSpans(r.endpoints.grpc ?? '', postSpansBytes(1)))?.code, GrpcStatus.UNAVAILABLE);
      await sendDatagram(r.endpoints.thrift_binary ?? '', encodeAgentMessage(batchOf(2), 'binary'));
      await eventually(async () => (await r.metric('spanbridge_receiver_refused_spans_total', 'transport="udp_binary"', 'code="SB_MEMORY_LIMIT"')) === 2, 'the refused datagram is counted');
      assert.equal(await r.metric('spanbridge_receiver_refused_spans_total', 'code="SB_QUEUE_FULL"', 'transport="http"'), 1);
    } finally {
      await r.close();
    }
  });

  void test('success is answered only once the pipeline accepted the batch', async () => {
    let release: () => void = () => undefined;
    const handed: TraceBatch[] = [];
    const slow: Consumer = {
      consume: (b) => {
        handed.push(b);
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const r = await startTestJaegerReceiver(slow);
    try {
      for (const send of [() => post(`http://${r.endpoints.thrift_http}/api/traces`, encodeThriftBatch(batchOf(1))).then((res) => res.status), () => grpcPostSpans(r.endpoints.grpc ?? '', postSpansBytes(1)).then((e) => e?.code ?? 'OK')]) {
        let answered = false;
        const reply = send().then((v) => {
          answered = true;
          return v;
        });
        const before = handed.length;
        await eventually(() => handed.length > before, 'the batch reaches the consumer');
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(answered, false, 'no answer while the consumer holds the batch');
        release();
        assert.ok([202, 'OK'].includes(await reply));
      }
    } finally {
      await r.close();
    }
  });

  void test('gRPC: INVALID_ARGUMENT naming a malformed request, RESOURCE_EXHAUSTED over the span limit', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestJaegerReceiver(consumer, { max_spans_per_request: 2 });
    try {
      const bad = await grpcPostSpans(r.endpoints.grpc ?? '', Buffer.from([0x0a, 0xff, 0xff, 0x01]));
      assert.equal(bad?.code, GrpcStatus.INVALID_ARGUMENT);
      assert.match(bad?.details ?? '', /^body is not a Jaeger api_v2 PostSpansRequest/);
      const many = await grpcPostSpans(r.endpoints.grpc ?? '', postSpansBytes(3));
      assert.equal(many?.code, GrpcStatus.RESOURCE_EXHAUSTED);
      assert.match(many?.details ?? '', /limit is 2/);
      assert.equal(await grpcPostSpans(r.endpoints.grpc ?? '', postSpansBytes(2)), null);
      assert.equal(consumer.batches.length, 1);
    } finally {
      await r.close();
    }
  });

  void test('UDP: unusable datagrams are counted and dropped; the port keeps serving', async () => {
    const consumer = createCollectingConsumer();
    const r = await startTestJaegerReceiver(consumer, { protocols: { thrift_compact: { endpoint: '127.0.0.1:0', max_packet_size: 1024 }, thrift_binary: { endpoint: '127.0.0.1:0' } } });
    try {
      const compact = r.endpoints.thrift_compact ?? '';
      await sendDatagram(compact, Buffer.from('not thrift'));
      await sendDatagram(compact, encodeAgentMessage(batchOf(1), 'binary'));
      await sendDatagram(compact, encodeAgentMessage(batchOf(1), 'compact', 'emitZipkinBatch'));
      await sendDatagram(compact, encodeAgentMessage(batchOf(40), 'compact'));
      await eventually(async () => (await r.metric('spanbridge_receiver_refused_spans_total', 'transport="udp_compact"', 'code="SB_MALFORMED"')) === 3, 'three malformed datagrams are counted');
      await eventually(async () => (await r.metric('spanbridge_receiver_refused_spans_total', 'transport="udp_compact"', 'code="SB_TOO_LARGE"')) === 1, 'the long datagram is counted');
      await sendDatagram(compact, encodeAgentMessage(batchOf(2), 'compact'));
      await consumer.waitForSpans(2);
      assert.equal(consumer.batches.length, 1);
    } finally {
      await r.close();
    }
  });

  void test('UDP: datagrams over queue_size waiting for the pipeline are dropped and counted', async () => {
    const releases: Array<() => void> = [];
    const held: Consumer = { consume: () => new Promise<void>((resolve) => releases.push(resolve)) };
    const r = await startTestJaegerReceiver(held, { protocols: { thrift_binary: { endpoint: '127.0.0.1:0', queue_size: 1 } } });
    try {
      for (let i = 0; i < 3; i++) await sendDatagram(r.endpoints.thrift_binary ?? '', encodeAgentMessage(batchOf(2), 'binary'));
      await eventually(async () => (await r.metric('spanbridge_receiver_refused_spans_total', 'code="SB_QUEUE_FULL"')) === 4, 'two datagrams of two spans are dropped');
      assert.equal(releases.length, 1, 'one datagram is with the pipeline');
    } finally {
      for (const release of releases) release();
      await r.close();
    }
  });

  void test('tenancy: HTTP and gRPC need an allowed tenant (401/403, counted) and stamp it; UDP datagrams belong to the headerless tenant', async () => {
    const consumer = createCollectingConsumer();
    const tenancy = createTenancy({ header: 'x-scope-orgid', tenants: ['acme', 'globex'], headerless_tenant: 'globex' });
    const r = await startTestJaegerReceiver(consumer, {}, { tenancy });
    const url = `http://${r.endpoints.thrift_http}/api/traces`;
    const grpc = r.endpoints.grpc ?? '';
    const tenantMetadata = (tenant: string) => {
      const md = new Metadata();
      md.set('x-scope-orgid', tenant);
      return md;
    };
    try {
      assert.equal((await post(url, encodeThriftBatch(batchOf(1)))).status, 401);
      assert.equal((await post(url, encodeThriftBatch(batchOf(1)), { ...THRIFT, 'x-scope-orgid': 'initech' })).status, 403);
      assert.equal((await grpcPostSpans(grpc, postSpansBytes(1)))?.code, GrpcStatus.UNAUTHENTICATED);
      assert.equal((await grpcPostSpans(grpc, postSpansBytes(1), tenantMetadata('initech')))?.code, GrpcStatus.PERMISSION_DENIED);
      assert.equal(consumer.batches.length, 0);
      assert.equal(await r.metric('spanbridge_receiver_refused_spans_total', 'transport="http"', 'code="SB_TENANT_MISSING"'), 1);

      assert.equal((await post(url, encodeThriftBatch(batchOf(1)), { ...THRIFT, 'x-scope-orgid': 'acme' })).status, 202);
      assert.equal(await grpcPostSpans(grpc, postSpansBytes(1), tenantMetadata('globex')), null);
      await sendDatagram(r.endpoints.thrift_compact ?? '', encodeAgentMessage(batchOf(1), 'compact'));
      await eventually(() => consumer.batches.length === 3, 'the datagram is handed on');
      assert.deepEqual(consumer.batches.map((b: TraceBatch) => b.tenant), ['acme', 'globex', 'globex']);
    } finally {
      await r.close();
    }
  });
});
