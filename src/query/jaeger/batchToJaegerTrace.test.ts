import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind, StatusCode, type ResourceSpans, type Span } from '../../model/span.js';
import { RESOURCE_NO_SERVICE_NAME, batchToJaegerTrace } from './batchToJaegerTrace.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

function span(spanId: string, parentSpanId = ''): Span {
  return {
    traceId: TRACE, spanId, parentSpanId, traceState: '', flags: 0x101, name: 'op', kind: SpanKind.UNSPECIFIED, startTimeUnixNano: 1_000_999n, endTimeUnixNano: 999n,
    attributes: new Map(), droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: StatusCode.UNSET, message: '' },
  };
}

function rs(attributes: Array<[string, string]>, spans: Span[]): ResourceSpans {
  return { resource: { attributes: new Map(attributes), droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans }] };
}

void describe('batchToJaegerTrace (OTLP -> Jaeger translator rules)', () => {
  void test('resources that render alike share a process; no attributes means OTLPResourceNoServiceName', () => {
    const trace = batchToJaegerTrace({ resourceSpans: [rs([['service.name', 'a']], [span('0000000000000001')]), rs([], [span('0000000000000002')]), rs([['service.name', 'a']], [span('0000000000000003')])] });
    assert.deepEqual(trace.processes, { p1: { serviceName: 'a', tags: [] }, p2: { serviceName: RESOURCE_NO_SERVICE_NAME, tags: [] } });
    assert.deepEqual(trace.spans.map((s) => s.processID), ['p1', 'p2', 'p1']);
    assert.equal(RESOURCE_NO_SERVICE_NAME, 'OTLPResourceNoServiceName');
  });

  void test('a link to the parent sets the parent reference type instead of adding one; child_of links are CHILD_OF', () => {
    const s = span('0000000000000002', '0000000000000001');
    s.links.push({ traceId: TRACE, spanId: '0000000000000001', traceState: '', attributes: new Map(), droppedAttributesCount: 0, flags: 0 });
    s.links.push({ traceId: '0'.repeat(16) + '00000000000000ff', spanId: '00000000000000ff', traceState: '', attributes: new Map([['opentracing.ref_type', 'child_of']]), droppedAttributesCount: 0, flags: 0 });
    const [out] = batchToJaegerTrace({ resourceSpans: [rs([], [s])] }).spans;
    assert.deepEqual(out?.references, [
      { refType: 'FOLLOWS_FROM', traceID: TRACE, spanID: '0000000000000001' },
      { refType: 'CHILD_OF', traceID: '00000000000000ff', spanID: '00000000000000ff' },
    ]);
  });

  void test('an unspecified kind adds no span.kind tag; negative durations are 0; only the sampled flag is kept', () => {
    const [out] = batchToJaegerTrace({ resourceSpans: [rs([], [span('0000000000000001')])] }).spans;
    assert.deepEqual(out?.tags, []);
    assert.equal(out?.duration, 0);
    assert.equal(out?.startTime, 1000);
    assert.equal(out?.flags, 1);
  });

  void test('an event attribute named "event" replaces the name field; odd values render as Jaeger can carry them', () => {
    const s = span('0000000000000001');
    s.events.push({ timeUnixNano: 5_000n, name: 'ignored', attributes: new Map([['event', 'from attribute']]), droppedAttributesCount: 0 });
    s.events.push({ timeUnixNano: 6_000n, name: '', attributes: new Map(), droppedAttributesCount: 0 });
    s.attributes.set('nan', Number.NaN);
    s.attributes.set('neg', -(2n ** 62n));
    s.attributes.set('small', -5n);
    const [out] = batchToJaegerTrace({ resourceSpans: [rs([], [s])] }).spans;
    assert.deepEqual(out?.logs, [{ timestamp: 5, fields: [{ key: 'event', type: 'string', value: 'from attribute' }] }, { timestamp: 6, fields: [] }]);
    assert.deepEqual(out?.tags, [
      { key: 'nan', type: 'float64', value: 'NaN' },
      { key: 'neg', type: 'int64', value: '-4611686018427387904' },
      { key: 'small', type: 'int64', value: -5 },
    ]);
  });

  void test('an empty batch is a trace without spans', () => {
    assert.deepEqual(batchToJaegerTrace({ resourceSpans: [] }), { traceID: '', spans: [], processes: {}, warnings: null });
  });
});
