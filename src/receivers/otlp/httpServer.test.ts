import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeExportResponseProto } from '../../codecs/otlp/exportResponse.js';
import { encodeOtlpJson } from '../../codecs/otlp/encodeOtlpJson.js';
import { encodeOtlpProto } from '../../codecs/otlp/encodeOtlpProto.js';
import { decodeRpcStatusJson, decodeRpcStatusProto } from '../../codecs/otlp/rpcStatus.js';
import { edgeCaseBatch } from '../../../test/codecs/otlp/testBatches.js';
import { PipelineError } from '../../errors.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const PROTO_TYPE = { 'content-type': 'application/x-protobuf' };

void describe('otlp receiver, HTTP transport', () => {
  let r: TestReceiver;
  let url: string;
  before(async () => {
    r = await startTestReceiver({
      config: { protocols: { http: { endpoint: '127.0.0.1:0', max_request_body_size: 64 * 1024, max_decompressed_body_size: 256 * 1024 } }, max_spans_per_request: 3 },
    });
    url = `${r.httpBaseUrl}/v1/traces`;
  });
  after(() => r.close());

  async function post(body: string | Uint8Array, headers: Record<string, string>): Promise<Response> {
    return fetch(url, { method: 'POST', headers, body });
  }

  async function expectGoodRequestStillWorks(): Promise<void> {
    const before = r.received.length;
    const res = await post(encodeOtlpJson(edgeCaseBatch()), JSON_TYPE);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{}');
    assert.equal(r.received.length, before + 1);
  }

  void test('accepts protobuf and answers with a protobuf ExportTraceServiceResponse', async () => {
    const res = await post(encodeOtlpProto(edgeCaseBatch()), PROTO_TYPE);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-protobuf');
    assert.equal(decodeExportResponseProto(new Uint8Array(await res.arrayBuffer())), undefined);
    assert.deepStrictEqual(r.received.at(-1), edgeCaseBatch());
  });

  void test('accepts JSON (with a charset parameter) and gzip', async () => {
    const res = await post(gzipSync(encodeOtlpJson(edgeCaseBatch())), { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepStrictEqual(JSON.parse(await res.text()), {});
    assert.deepStrictEqual(r.received.at(-1), edgeCaseBatch());
  });

  void test('an empty request succeeds without reaching the pipeline', async () => {
    const before = r.received.length;
    const res = await post('{}', JSON_TYPE);
    assert.equal(res.status, 200);
    assert.equal(r.received.length, before);
  });

  void test('malformed JSON: 400 with a JSON google.rpc.Status naming the field', async () => {
    const bad = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'abc', spanId: '0102030405060708' }] }] }] });
    const res = await post(bad, JSON_TYPE);
    assert.equal(res.status, 400);
    const status = decodeRpcStatusJson(await res.text());
    assert.equal(status.code, 3);
    assert.equal(status.message, 'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex digits, got "abc"');
    await expectGoodRequestStillWorks();
  });

  void test('malformed protobuf: 400 with a protobuf google.rpc.Status', async () => {
    const res = await post(Buffer.from([0x0a, 0xff, 0xff, 0x01]), PROTO_TYPE);
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'application/x-protobuf');
    const status = decodeRpcStatusProto(new Uint8Array(await res.arrayBuffer()));
    assert.equal(status.code, 3);
    assert.match(status.message, /not a valid OTLP ExportTraceServiceRequest protobuf/);
    await expectGoodRequestStillWorks();
  });

  void test('unsupported Content-Type: 415; unsupported Content-Encoding: 415', async () => {
    const res = await post('x', { 'content-type': 'text/plain' });
    assert.equal(res.status, 415);
    assert.match(decodeRpcStatusJson(await res.text()).message, /unsupported Content-Type "text\/plain"/);
    const res2 = await post('{}', { ...JSON_TYPE, 'content-encoding': 'zstd' });
    assert.equal(res2.status, 415);
    assert.match(decodeRpcStatusJson(await res2.text()).message, /unsupported Content-Encoding "zstd"/);
    await expectGoodRequestStillWorks();
  });

  void test('oversized body: 413 in the request encoding', async () => {
    const res = await post(Buffer.alloc(100 * 1024, 1), PROTO_TYPE);
    assert.equal(res.status, 413);
    assert.equal(decodeRpcStatusProto(new Uint8Array(await res.arrayBuffer())).code, 8);
    await expectGoodRequestStillWorks();
  });

  void test('gzip bomb: 413 once the decompressed size passes the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    assert.ok(bomb.length < 64 * 1024, 'the bomb itself fits the wire limit');
    const res = await post(bomb, { ...PROTO_TYPE, 'content-encoding': 'gzip' });
    assert.equal(res.status, 413);
    assert.match(decodeRpcStatusProto(new Uint8Array(await res.arrayBuffer())).message, /decompressed body is over the limit/);
    await expectGoodRequestStillWorks();
  });

  void test('corrupt gzip: 400', async () => {
    const res = await post(Buffer.from('not gzip at all'), { ...JSON_TYPE, 'content-encoding': 'gzip' });
    assert.equal(res.status, 400);
    await res.arrayBuffer();
  });

  void test('too many spans: 413 naming the limit', async () => {
    const batch = edgeCaseBatch();
    const ss = batch.resourceSpans[0]?.scopeSpans[0];
    assert.ok(ss);
    const span = ss.spans[0];
    assert.ok(span);
    ss.spans = [span, { ...span, spanId: '1111111111111111' }, { ...span, spanId: '2222222222222222' }, { ...span, spanId: '3333333333333333' }];
    const res = await post(encodeOtlpJson(batch), JSON_TYPE);
    assert.equal(res.status, 413);
    assert.match(decodeRpcStatusJson(await res.text()).message, /4 spans, over the limit of 3/);
    assert.equal(await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'http', code: 'SB_TOO_MANY_SPANS' }), 4);
    await expectGoodRequestStillWorks();
  });

  void test('retryable consumer errors: their status with Retry-After in seconds', async () => {
    r.failWith(new PipelineError('SB_QUEUE_FULL', 'queue full', { retryAfterMillis: 1500 }));
    const res = await post(encodeOtlpProto(edgeCaseBatch()), PROTO_TYPE);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '2');
    assert.deepStrictEqual(decodeRpcStatusProto(new Uint8Array(await res.arrayBuffer())), { code: 8, message: 'queue full' });

    r.failWith(new PipelineError('SB_MEMORY_LIMIT', 'memory limit'));
    const res2 = await post(encodeOtlpJson(edgeCaseBatch()), JSON_TYPE);
    assert.equal(res2.status, 503);
    assert.equal(res2.headers.get('retry-after'), '1');
    assert.equal(decodeRpcStatusJson(await res2.text()).code, 14);

    r.failWith(new PipelineError('SB_EXPORT_REJECTED', 'rejected downstream'));
    const res3 = await post(encodeOtlpJson(edgeCaseBatch()), JSON_TYPE);
    assert.equal(res3.status, 400);
    assert.equal(res3.headers.get('retry-after'), null);
    await res3.arrayBuffer();

    r.failWith(undefined);
    await expectGoodRequestStillWorks();
  });

  void test('other methods on the path: 405; other paths: 404', async () => {
    const res = await fetch(url);
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST');
    await res.arrayBuffer();
    const res2 = await fetch(`${r.httpBaseUrl}/v1/metrics`, { method: 'POST', headers: JSON_TYPE, body: '{}' });
    assert.equal(res2.status, 404);
    await res2.arrayBuffer();
  });

  void test('counts accepted and refused spans by transport and code', async () => {
    const accepted = await r.counter('spanbridge_receiver_accepted_spans_total', { transport: 'http' });
    assert.ok(accepted >= 8, `accepted ${accepted}`);
    assert.ok((await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'http', code: 'SB_MALFORMED' })) >= 2);
    assert.equal(await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'http', code: 'SB_QUEUE_FULL' }), 1);
    assert.ok((await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'http', code: 'SB_TOO_LARGE' })) >= 2);
    assert.ok((await r.counter('spanbridge_receiver_refused_spans_total', { transport: 'http', code: 'SB_UNSUPPORTED_MEDIA_TYPE' })) >= 2);
  });
});
