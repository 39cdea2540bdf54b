import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { pino } from 'pino';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { zipkinReceiverFactory } from './factory.js';
import { createCollectingConsumer } from '../../../test/receivers/zipkin/testReceiver.js';

void describe('zipkin receiver factory', () => {
  void test('the schema carries the defaults and refuses unknown keys and bad values', () => {
    const validate = new Ajv({ useDefaults: true, strict: false }).compile(zipkinReceiverFactory.configSchema);
    const config: Record<string, unknown> = {};
    assert.ok(validate(config));
    assert.deepEqual(config, { endpoint: 'localhost:9411', max_request_body_size: 20 * 1024 * 1024, max_decompressed_body_size: 100 * 1024 * 1024, max_spans_per_request: 100_000, max_attributes_per_span: 1024, max_attribute_value_length: 65_536, parse_string_tags: false, cors: { allowed_origins: [], allowed_headers: [], max_age: 0 } });
    assert.equal(validate({ endpoint: 'localhost:9411', parse_string_tag: true }), false);
    assert.equal(validate({ endpoint: 'no-port' }), false);
    assert.equal(validate({ max_spans_per_request: 0 }), false);
  });

  void test('creates a receiver that starts on the configured endpoint and stops', async () => {
    const telemetry = createTelemetry();
    const logger = pino({ level: 'silent' });
    const consumer = createCollectingConsumer();
    const receiver = zipkinReceiverFactory.createReceiver({ id: 'zipkin/test', logger, telemetry }, { endpoint: '127.0.0.1:0', max_request_body_size: 4096, max_decompressed_body_size: 8192, max_spans_per_request: 10, max_attributes_per_span: 3, max_attribute_value_length: 5, parse_string_tags: true, cors: { allowed_origins: [], allowed_headers: [], max_age: 0 } }, consumer);
    assert.deepEqual(receiver.endpoints?.(), {});
    await receiver.start({ logger, telemetry });
    const address = receiver.endpoints?.().http ?? '';
    assert.match(address, /^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${address}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"traceId":"1","id":"2","tags":{"n":"7"}}]' });
    assert.equal(res.status, 202);
    assert.equal(consumer.batches[0]?.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.get('n'), 7n, 'parse_string_tags is applied');
    // The span limits (3 attributes, 5 characters): the first three tags kept, the long value cut, the rest counted.
    const limited = await fetch(`http://${address}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"traceId":"1","id":"3","tags":{"a":"abcdefgh","b":"x","c":"y","d":"z","e":"w"}}]' });
    assert.equal(limited.status, 202);
    const span = consumer.batches[1]?.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    assert.deepEqual([...(span?.attributes ?? [])], [['a', 'abcde'], ['b', 'x'], ['c', 'y']]);
    assert.ok((span?.droppedAttributesCount ?? 0) >= 2, 'the dropped tags are counted on the span');
    const metrics = await telemetry.registry.metrics();
    assert.match(metrics, /spanbridge_receiver_limited_total\{receiver="zipkin\/test",limit="max_attribute_value_length"\} 1/);
    assert.match(metrics, /spanbridge_receiver_limited_total\{receiver="zipkin\/test",limit="max_attributes_per_span"\} [2-9]/);
    await receiver.shutdown();
    await assert.rejects(fetch(`http://${address}/api/v2/spans`, { method: 'POST', body: '[]' }));
  });
});
