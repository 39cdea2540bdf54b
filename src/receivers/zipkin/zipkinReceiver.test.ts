import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deflateSync, gzipSync } from 'node:zlib';
import { decodeZipkinV1Json } from '../../codecs/zipkin/decodeZipkinV1Json.js';
import { decodeZipkinV2Json } from '../../codecs/zipkin/decodeZipkinV2Json.js';
import { encodeZipkinV2Proto } from '../../codecs/zipkin/encodeZipkinV2.js';
import { renderBatch } from '../../../test/codecs/zipkin/renderDecodeResult.js';
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import type { Consumer } from '../../pipeline/component.js';
import { FIXTURES } from '../../../test/support/paths.js';
import { createCollectingConsumer, startTestReceiver, type CollectingConsumer, type TestReceiver } from '../../../test/receivers/zipkin/testReceiver.js';

const fixture = (rel: string) => readFileSync(join(FIXTURES, 'zipkin', rel));
const V2 = fixture('openzipkin-zipkin/zipkin-lens-testdata/yelp.json');
const V1 = fixture('otel-collector/translator-zipkinv1/zipkin_v1_single_batch.json');

function post(url: string, body: Uint8Array | string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers });
}

async function metric(r: TestReceiver, name: string, labels: string): Promise<number> {
  const text = await r.telemetry.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

void describe('zipkin receiver', () => {
  let consumer: CollectingConsumer;
  let r: TestReceiver;
  before(async () => {
    consumer = createCollectingConsumer();
    r = await startTestReceiver(consumer, { max_request_body_size: 64 * 1024, max_decompressed_body_size: 1024 * 1024, max_spans_per_request: 20 });
  });
  after(() => r.close());

  /** Posts and returns what the consumer got from this request. */
  async function accepted(path: string, body: Uint8Array | string, headers?: Record<string, string>): Promise<TraceBatch> {
    const before = consumer.batches.length;
    const res = await post(`${r.url}${path}`, body, headers);
    assert.equal(res.status, 202, await res.text());
    assert.equal(consumer.batches.length, before + 1);
    const batch = consumer.batches.at(-1);
    assert.ok(batch);
    return batch;
  }

  void test('v2 JSON, v1 JSON and proto3 bodies are decoded and handed on; the reply is 202', async () => {
    const expected = renderBatch(decodeZipkinV2Json(V2).batch);
    assert.deepEqual(renderBatch(await accepted('/api/v2/spans', V2)), expected);
    assert.deepEqual(renderBatch(await accepted('/api/v1/spans', V1)), renderBatch(decodeZipkinV1Json(V1).batch));
    const proto = encodeZipkinV2Proto(decodeZipkinV2Json(V2).batch);
    assert.deepEqual(renderBatch(await accepted('/api/v2/spans', proto, { 'content-type': 'application/x-protobuf' })), expected);
    assert.deepEqual(renderBatch(await accepted('/api/v2/spans', V2, {})), expected, 'no Content-Type is JSON');
  });

  void test('gzip and deflate bodies (synthetic: no public fixture has one)', async () => {
    const expected = renderBatch(decodeZipkinV2Json(V2).batch);
    assert.deepEqual(renderBatch(await accepted('/api/v2/spans', gzipSync(V2), { 'content-type': 'application/json', 'content-encoding': 'gzip' })), expected);
    assert.deepEqual(renderBatch(await accepted('/api/v2/spans', deflateSync(V2), { 'content-type': 'application/json', 'content-encoding': 'deflate' })), expected);
  });

  void test('an empty body is accepted without handing anything on', async () => {
    const before = consumer.batches.length;
    for (const body of ['', '[]']) assert.equal((await post(`${r.url}/api/v2/spans`, body)).status, 202);
    assert.equal(consumer.batches.length, before);
  });

  void test('errors: 400 malformed, 413 over the body, decompressed and span limits, 415 Thrift; the server keeps serving', async () => {
    const cases: Array<[string, Uint8Array | string, Record<string, string>, number, RegExp]> = [
      ['/api/v2/spans', '[{"traceId":', { 'content-type': 'application/json' }, 400, /^body is not valid JSON/],
      ['/api/v2/spans', '[{"traceId":"1","id":"zz"}]', { 'content-type': 'application/json' }, 400, /^no usable span in the request: span\[0\]\.id: not hex$/],
      ['/api/v2/spans', Buffer.from('not a protobuf'), { 'content-type': 'application/x-protobuf' }, 400, /ListOfSpans/],
      ['/api/v2/spans', Buffer.from('garbage'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400, /not valid gzip/],
      ['/api/v2/spans', Buffer.alloc(65 * 1024, 0x20), { 'content-type': 'application/json' }, 413, /over the limit of 65536 bytes/],
      ['/api/v2/spans', gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 413, /decompressed body is over the limit/],
      ['/api/v2/spans', JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ traceId: '1', id: (i + 1).toString(16) }))), { 'content-type': 'application/json' }, 413, /21 spans; the limit is 20/],
      ['/api/v1/spans', Buffer.from([0x0c, 0, 0, 0, 0]), { 'content-type': 'application/x-thrift' }, 415, /Thrift .* is not supported/],
      ['/api/v2/spans', V2, { 'content-type': 'application/json', 'content-encoding': 'compress' }, 415, /unsupported Content-Encoding/],
    ];
    const before = consumer.batches.length;
    for (const [path, body, headers, status, message] of cases) {
      const res = await post(`${r.url}${path}`, body, headers);
      const text = await res.text();
      assert.equal(res.status, status, `${path} ${text}`);
      assert.match(text, message);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    }
    assert.equal(consumer.batches.length, before);
    await accepted('/api/v2/spans', V2);
    assert.ok((await metric(r, 'spanbridge_receiver_refused_spans_total', 'code="SB_TOO_LARGE"')) >= 2);
    assert.ok((await metric(r, 'spanbridge_receiver_refused_spans_total', 'code="SB_TOO_MANY_SPANS"')) >= 21);
    assert.ok((await metric(r, 'spanbridge_receiver_refused_spans_total', 'code="SB_UNSUPPORTED_MEDIA_TYPE"')) >= 2);
  });

  void test('unusable spans are dropped and counted as refused, the others accepted and counted', async () => {
    const acceptedBefore = await metric(r, 'spanbridge_receiver_accepted_spans_total', 'receiver="zipkin"');
    const malformedBefore = await metric(r, 'spanbridge_receiver_refused_spans_total', 'code="SB_MALFORMED"');
    const batch = await accepted('/api/v2/spans', JSON.stringify([{ traceId: '1', id: '1', name: 'good' }, { traceId: '1', id: 'nope' }, { id: '2' }]));
    assert.deepEqual(batch.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name))), ['good']);
    assert.equal(await metric(r, 'spanbridge_receiver_accepted_spans_total', 'receiver="zipkin"'), acceptedBefore + 1);
    assert.equal(await metric(r, 'spanbridge_receiver_refused_spans_total', 'code="SB_MALFORMED"'), malformedBefore + 2);
  });
});

void describe('zipkin receiver with a refusing pipeline', () => {
  void test('a retryable refusal is its status with Retry-After in whole seconds; a permanent one has none', async () => {
    let failure: unknown;
    const next: Consumer = { consume: () => Promise.reject(failure) };
    const r = await startTestReceiver(next);
    try {
      const cases: Array<[unknown, number, string | null, RegExp]> = [
        [new PipelineError('SB_MEMORY_LIMIT', 'memory limit reached', { retryAfterMillis: 1500 }), 503, '2', /memory limit/],
        [new PipelineError('SB_QUEUE_FULL', 'queue is full'), 429, '1', /queue is full/],
        [new Error('unexpected'), 503, '1', /unexpected/],
        [new PipelineError('SB_EXPORT_REJECTED', 'refused downstream'), 400, null, /refused downstream/],
      ];
      for (const [err, status, retryAfter, message] of cases) {
        failure = err;
        const res = await post(`${r.url}/api/v2/spans`, V2);
        assert.equal(res.status, status);
        assert.equal(res.headers.get('retry-after'), retryAfter);
        assert.match(await res.text(), message);
      }
      assert.equal(await metric(r, 'spanbridge_receiver_refused_spans_total', 'code="SB_MEMORY_LIMIT"'), 16);
      assert.equal(await metric(r, 'spanbridge_receiver_accepted_spans_total', 'receiver="zipkin"'), 0);
    } finally {
      await r.close();
    }
  });
});

void describe('zipkin receiver options', () => {
  void test('registerRoutes adds routes on the same port; endpoints() names the address', async () => {
    const r = await startTestReceiver(createCollectingConsumer(), {}, {
      registerRoutes: (app) => {
        app.get('/api/v2/services', async () => ['frontend']);
      },
    });
    try {
      const res = await fetch(`${r.url}/api/v2/services`);
      assert.deepEqual(await res.json(), ['frontend']);
      assert.match(r.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await post(`${r.url}/api/v2/spans`, '[]')).status, 202);
    } finally {
      await r.close();
    }
  });
});
