// The receiver against the real OpenTelemetry JS exporters (OTLP/HTTP JSON, OTLP/HTTP protobuf, OTLP/gRPC).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROOT_CONTEXT, SpanKind as ApiSpanKind, SpanStatusCode, createTraceState, trace, type Attributes as OtelAttributes } from '@opentelemetry/api';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as HttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { AnyValue, TraceBatch } from '../../model/span.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const PARENT_ID = '53995c3f42cd8ad8';
const LINK_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const LINK_SPAN_ID = 'b7ad6b7169203331';

/** A span with every attribute type the exporters can carry; bytes, maps and null bypass the SDK's attribute filter. */
function sdkSpan(): ReadableSpan {
  return {
    name: 'GET /checkout',
    kind: ApiSpanKind.SERVER,
    spanContext: () => ({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, traceState: createTraceState('rojo=00f067aa0ba902b7') }),
    parentSpanContext: { traceId: TRACE_ID, spanId: PARENT_ID, traceFlags: 1, isRemote: true },
    startTime: [1_700_000_000, 123_456_789],
    endTime: [1_700_000_001, 987_654_321],
    status: { code: SpanStatusCode.ERROR, message: 'boom' },
    attributes: {
      str: 'héllo',
      bool: true,
      int: 42,
      negative: -7,
      double: 2.5,
      strs: ['a', 'b'],
      ints: [1, 2],
      bytes: new Uint8Array([0, 1, 255]),
      map: { nested: { deep: 'yes' }, n: 1 },
      empty: null,
    } as unknown as OtelAttributes,
    links: [{ context: { traceId: LINK_TRACE_ID, spanId: LINK_SPAN_ID, traceFlags: 1, isRemote: true, traceState: createTraceState('congo=t61rcWkgMzE') }, attributes: { 'link.attr': 'l' }, droppedAttributesCount: 2 }],
    events: [{ name: 'exception', time: [1_700_000_000, 500_000_001], attributes: { 'exception.type': 'Error', 'exception.escaped': false }, droppedAttributesCount: 1 }],
    duration: [1, 864_197_532],
    ended: true,
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'host.cores': 8 }, { schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' }),
    instrumentationScope: { name: 'checkout-lib', version: '1.2.3', schemaUrl: 'https://opentelemetry.io/schemas/1.24.0' },
    droppedAttributesCount: 3,
    droppedEventsCount: 4,
    droppedLinksCount: 5,
  };
}

/** What sdkSpan() must become; the SDK sends integral numbers as intValue, so they arrive as bigint. */
function expectedBatch(): TraceBatch {
  return {
    resourceSpans: [
      {
        resource: { attributes: new Map<string, AnyValue>([['service.name', 'checkout'], ['host.cores', 8n]]), droppedAttributesCount: 0 },
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
        scopeSpans: [
          {
            scope: { name: 'checkout-lib', version: '1.2.3', attributes: new Map(), droppedAttributesCount: 0 },
            schemaUrl: 'https://opentelemetry.io/schemas/1.24.0',
            spans: [
              {
                traceId: TRACE_ID,
                spanId: SPAN_ID,
                parentSpanId: PARENT_ID,
                traceState: 'rojo=00f067aa0ba902b7',
                // sampled | HAS_IS_REMOTE | IS_REMOTE (trace.proto SpanFlags)
                flags: 0x301,
                name: 'GET /checkout',
                kind: 2,
                startTimeUnixNano: 1_700_000_000_123_456_789n,
                endTimeUnixNano: 1_700_000_001_987_654_321n,
                attributes: new Map<string, AnyValue>([
                  ['str', 'héllo'],
                  ['bool', true],
                  ['int', 42n],
                  ['negative', -7n],
                  ['double', 2.5],
                  ['strs', ['a', 'b']],
                  ['ints', [1n, 2n]],
                  ['bytes', new Uint8Array([0, 1, 255])],
                  ['map', new Map<string, AnyValue>([['nested', new Map([['deep', 'yes']])], ['n', 1n]])],
                  ['empty', null],
                ]),
                droppedAttributesCount: 3,
                events: [{ timeUnixNano: 1_700_000_000_500_000_001n, name: 'exception', attributes: new Map<string, AnyValue>([['exception.type', 'Error'], ['exception.escaped', false]]), droppedAttributesCount: 1 }],
                droppedEventsCount: 4,
                links: [{ traceId: LINK_TRACE_ID, spanId: LINK_SPAN_ID, traceState: 'congo=t61rcWkgMzE', attributes: new Map([['link.attr', 'l']]), droppedAttributesCount: 2, flags: 0x301 }],
                droppedLinksCount: 5,
                status: { code: 2, message: 'boom' },
              },
            ],
          },
        ],
      },
    ],
  };
}

function exportWith(exporter: SpanExporter, spans: ReadableSpan[]): Promise<void> {
  return new Promise((resolve, reject) => {
    exporter.export(spans, (result) => (result.code === 0 ? resolve() : reject(result.error ?? new Error(`export failed with code ${result.code}`))));
  });
}

void describe('otlp receiver with the OpenTelemetry JS exporters', () => {
  let r: TestReceiver;
  before(async () => {
    r = await startTestReceiver();
  });
  after(() => r.close());

  const clients: Array<[string, () => SpanExporter]> = [
    ['OTLP/HTTP JSON', () => new HttpJsonExporter({ url: `${r.httpBaseUrl}/v1/traces` })],
    ['OTLP/HTTP protobuf', () => new HttpProtoExporter({ url: `${r.httpBaseUrl}/v1/traces` })],
    ['OTLP/HTTP protobuf, gzip', () => new HttpProtoExporter({ url: `${r.httpBaseUrl}/v1/traces`, compression: 'gzip' as never })],
    ['OTLP/gRPC', () => new GrpcExporter({ url: `http://${r.grpcAddress}` })],
    ['OTLP/gRPC, gzip', () => new GrpcExporter({ url: `http://${r.grpcAddress}`, compression: 'gzip' as never })],
  ];

  for (const [name, make] of clients) {
    void test(`${name}: every attribute type, events, links, flags and nanosecond times arrive exact`, async () => {
      const exporter = make();
      try {
        const before = r.received.length;
        await exportWith(exporter, [sdkSpan()]);
        assert.equal(r.received.length, before + 1);
        assert.deepStrictEqual(r.received.at(-1), expectedBatch());
      } finally {
        await exporter.shutdown();
      }
    });
  }

  void test('spans recorded through BasicTracerProvider + SimpleSpanProcessor arrive with their parent links', async () => {
    const exporter = new GrpcExporter({ url: `http://${r.grpcAddress}` });
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'sdk-test' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const before = r.received.length;
    const tracer = provider.getTracer('sdk-test-lib', '0.1.0');
    // No context manager is registered, so the parent is passed explicitly.
    const parent = tracer.startSpan('parent');
    const child = tracer.startSpan('child', { kind: ApiSpanKind.CLIENT, attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 } }, trace.setSpan(ROOT_CONTEXT, parent));
    child.addEvent('sent', { bytes: 10 });
    child.end();
    parent.end();
    await provider.forceFlush();
    await provider.shutdown();
    const spans = r.received.slice(before).flatMap((b) => b.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({ s, rs, ss })))));
    assert.equal(spans.length, 2);
    const got = spans.find((x) => x.s.name === 'child');
    const gotParent = spans.find((x) => x.s.name === 'parent');
    assert.ok(got && gotParent);
    assert.equal(got.s.spanId, child.spanContext().spanId);
    assert.equal(got.s.parentSpanId, gotParent.s.spanId);
    assert.equal(got.s.traceId, gotParent.s.traceId);
    assert.equal(gotParent.s.parentSpanId, '');
    assert.equal(got.s.kind, 3);
    assert.equal(got.s.attributes.get('http.response.status_code'), 200n);
    assert.equal(got.s.events[0]?.attributes.get('bytes'), 10n);
    assert.ok(got.s.endTimeUnixNano >= got.s.startTimeUnixNano);
    assert.equal(got.rs.resource.attributes.get('service.name'), 'sdk-test');
    assert.deepStrictEqual([got.ss.scope.name, got.ss.scope.version], ['sdk-test-lib', '0.1.0']);
  });

  void test('counts what each transport accepted', async () => {
    assert.equal(await r.counter('spanbridge_receiver_accepted_spans_total', { transport: 'http' }), 3);
    assert.equal(await r.counter('spanbridge_receiver_accepted_spans_total', { transport: 'grpc' }), 4);
  });
});
