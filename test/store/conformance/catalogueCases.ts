import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind } from '../../../src/model/span.js';
import { testBatch, type TestSpanSpec } from '../testSpans.js';
import { MS, T0, spanIdOf, traceIdOf, withStore, type OpenStore } from './conformanceKit.js';

function spans(): TestSpanSpec[] {
  const t = traceIdOf(40);
  return [
    { service: 'web', resourceAttributes: { 'k8s.pod.name': 'web-1' }, traceId: t, spanId: spanIdOf(1), name: 'GET /', kind: SpanKind.SERVER, startNanos: T0, durationNanos: 9n * MS, attributes: { 'http.response.status_code': 200n } },
    { service: 'web', resourceAttributes: { 'k8s.pod.name': 'web-2' }, traceId: t, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'GET', kind: SpanKind.CLIENT, startNanos: T0, durationNanos: 5n * MS, attributes: { 'peer.service': 'api', 'http.response.status_code': 404n } },
    { service: 'web', traceId: t, spanId: spanIdOf(3), parentSpanId: spanIdOf(1), name: 'GET', kind: SpanKind.INTERNAL, startNanos: T0, durationNanos: MS, attributes: { 'http.response.status_code': 200n } },
    { service: 'web', traceId: t, spanId: spanIdOf(4), parentSpanId: spanIdOf(1), name: 'render', kind: SpanKind.INTERNAL, startNanos: T0, durationNanos: MS },
    { service: 'web', traceId: t, spanId: spanIdOf(5), parentSpanId: spanIdOf(1), name: 'publish', kind: SpanKind.PRODUCER, startNanos: T0, durationNanos: MS, attributes: { 'peer.service': 'events' } },
    { service: 'api', traceId: t, spanId: spanIdOf(6), parentSpanId: spanIdOf(2), name: 'GET /v1', kind: SpanKind.SERVER, startNanos: T0 + MS, durationNanos: 3n * MS, attributes: { 'http.response.status_code': 503n } },
    { service: 'api', traceId: t, spanId: spanIdOf(7), parentSpanId: spanIdOf(6), name: 'SELECT', kind: SpanKind.CLIENT, startNanos: T0 + MS, durationNanos: MS, attributes: { 'db.system': 'postgresql' } },
    { service: 'worker', traceId: t, spanId: spanIdOf(8), parentSpanId: spanIdOf(5), name: 'consume', kind: SpanKind.CONSUMER, startNanos: T0 + 2n * MS, durationNanos: MS },
  ];
}

export function registerCatalogueCases(open: OpenStore): void {
  describe('catalogues', () => {
    test('getServices lists the services that sent spans, sorted', () =>
      withStore(open, async (store) => {
        assert.deepEqual(await store.getServices(), []);
        await store.write(testBatch(spans()));
        assert.deepEqual(await store.getServices(), ['api', 'web', 'worker']);
      }));

    test('getOperations lists span names and kinds of a service, or of all, sorted by name then kind', () =>
      withStore(open, async (store) => {
        await store.write(testBatch(spans()));
        assert.deepEqual(await store.getOperations('web'), [
          { name: 'GET', spanKind: SpanKind.INTERNAL },
          { name: 'GET', spanKind: SpanKind.CLIENT },
          { name: 'GET /', spanKind: SpanKind.SERVER },
          { name: 'publish', spanKind: SpanKind.PRODUCER },
          { name: 'render', spanKind: SpanKind.INTERNAL },
        ]);
        assert.deepEqual(await store.getOperations('worker'), [{ name: 'consume', spanKind: SpanKind.CONSUMER }]);
        const all = await store.getOperations();
        assert.equal(all.length, 8);
        assert.deepEqual(all.slice(0, 3), [
          { name: 'GET', spanKind: SpanKind.INTERNAL },
          { name: 'GET', spanKind: SpanKind.CLIENT },
          { name: 'GET /', spanKind: SpanKind.SERVER },
        ]);
        assert.deepEqual(await store.getOperations('nope'), []);
      }));

    test('getRemoteServices lists what a service calls: paired callees and peer.service, sorted', () =>
      withStore(open, async (store) => {
        await store.write(testBatch(spans()));
        assert.deepEqual(await store.getRemoteServices('web'), ['api', 'events', 'worker']);
        assert.deepEqual(await store.getRemoteServices('worker'), []);
        assert.deepEqual(await store.getRemoteServices('nope'), []);
      }));

    test('getAttributeKeys lists span and resource attribute keys; getAttributeValues their distinct values', () =>
      withStore(open, async (store) => {
        await store.write(testBatch(spans()));
        const keys = await store.getAttributeKeys();
        for (const k of ['db.system', 'http.response.status_code', 'k8s.pod.name', 'peer.service', 'service.name']) assert.ok(keys.includes(k), k);
        assert.deepEqual(keys, [...keys].sort());
        assert.equal(new Set(keys).size, keys.length);
        assert.deepEqual(await store.getAttributeValues('http.response.status_code'), ['200', '404', '503']);
        assert.deepEqual(await store.getAttributeValues('http.response.status_code', 2), ['200', '404']);
        assert.deepEqual(await store.getAttributeValues('k8s.pod.name'), ['web-1', 'web-2']);
        assert.deepEqual(await store.getAttributeValues('service.name'), ['api', 'web', 'worker']);
        assert.deepEqual(await store.getAttributeValues('nope'), []);
      }));
  });
}
