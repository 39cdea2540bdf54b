// The translation rules of docs/jaeger-mapping.md on spans built for each rule (the goldens cover what real clients
// send).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind, StatusCode, type Span } from '../../model/span.js';
import { jaegerBatchesToModel, jaegerBatchToModel } from './jaegerBatchToModel.js';
import type { JaegerBatch, JaegerSpan, JaegerTag } from './jaegerSpan.js';

const TRACE = '0000000000000000000000000000abcd';
const OTHER_TRACE = '1111111111111111000000000000abcd';

function span(over: Partial<JaegerSpan> = {}): JaegerSpan {
  return { traceId: TRACE, spanId: '00000000000000a1', parentSpanId: '', operationName: 'op', references: [], flags: 1, startTimeUnixNano: 1_000_000n, durationNanos: 2_000n, tags: [], logs: [], ...over };
}

function only(batch: JaegerBatch): Span {
  const r = jaegerBatchToModel(batch);
  assert.equal(r.rejected, 0, r.problems.join('; '));
  const s = r.batch.resourceSpans[0]?.scopeSpans[0]?.spans[0];
  assert.ok(s);
  return s;
}

const withTags = (...tags: JaegerTag[]) => only({ spans: [span({ tags })] });

void describe('jaeger translation', () => {
  void test('ids, times, name and the sampled flag', () => {
    const s = only({ spans: [span({ flags: 3 })] });
    assert.equal(s.traceId, TRACE, 'a 64-bit trace id stays left-padded to 128 bits');
    assert.equal(s.spanId, '00000000000000a1');
    assert.equal(s.startTimeUnixNano, 1_000_000n);
    assert.equal(s.endTimeUnixNano, 1_002_000n);
    assert.equal(s.flags, 0x01, 'sampled becomes the W3C sampled flag; debug has no equivalent');
    assert.equal(only({ spans: [span({ flags: 0 })] }).flags, 0);
  });

  void test('typed tags stay typed; span.kind becomes the kind and leaves the attributes', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const s = withTags({ key: 'span.kind', value: 'consumer' }, { key: 's', value: 'x' }, { key: 'b', value: true }, { key: 'l', value: -7n }, { key: 'd', value: 1.5 }, { key: 'bin', value: bytes });
    assert.equal(s.kind, SpanKind.CONSUMER);
    assert.deepEqual([...s.attributes], [['s', 'x'], ['b', true], ['l', -7n], ['d', 1.5], ['bin', bytes]]);
    assert.equal(withTags({ key: 'span.kind', value: 'gateway' }).kind, SpanKind.UNSPECIFIED);
    assert.equal(withTags().kind, SpanKind.UNSPECIFIED);
  });

  void test('status: error=true first, with otel.status_description or http.status_message as the message', () => {
    let s = withTags({ key: 'error', value: true }, { key: 'otel.status_description', value: 'boom' }, { key: 'otel.status_code', value: 'OK' });
    assert.deepEqual(s.status, { code: StatusCode.ERROR, message: 'boom' });
    assert.deepEqual([...s.attributes.keys()], [], 'every status tag is removed');
    s = withTags({ key: 'error', value: true }, { key: 'http.status_message', value: 'Bad Gateway' });
    assert.deepEqual(s.status, { code: StatusCode.ERROR, message: 'Bad Gateway' });
    assert.equal(s.attributes.get('http.status_message'), 'Bad Gateway');
    s = withTags({ key: 'error', value: 'true' });
    assert.deepEqual(s.status, { code: StatusCode.UNSET, message: '' }, 'only a bool error tag counts');
    assert.equal(s.attributes.get('error'), 'true');
    s = withTags({ key: 'error', value: false });
    assert.equal(s.attributes.get('error'), false);
  });

  void test('status: otel.status_code, then the HTTP status code by span kind', () => {
    assert.deepEqual(withTags({ key: 'otel.status_code', value: 'ok' }).status, { code: StatusCode.OK, message: '' });
    const e = withTags({ key: 'otel.status_code', value: 'ERROR' }, { key: 'otel.status_description', value: 'nope' });
    assert.deepEqual(e.status, { code: StatusCode.ERROR, message: 'nope' });
    assert.equal(e.attributes.size, 0);
    const client404 = withTags({ key: 'span.kind', value: 'client' }, { key: 'http.status_code', value: 404n }, { key: 'http.status_message', value: 'Not Found' });
    assert.deepEqual(client404.status, { code: StatusCode.ERROR, message: 'Not Found' });
    assert.equal(client404.attributes.get('http.status_code'), 404n, 'the HTTP code stays an attribute');
    assert.deepEqual(withTags({ key: 'span.kind', value: 'server' }, { key: 'http.status_code', value: 404n }).status.code, StatusCode.UNSET);
    assert.deepEqual(withTags({ key: 'span.kind', value: 'server' }, { key: 'http.status_code', value: '503' }).status.code, StatusCode.ERROR);
    assert.deepEqual(withTags({ key: 'http.status_code', value: 200n }).status.code, StatusCode.UNSET);
    assert.deepEqual(withTags({ key: 'http.status_code', value: 500.0 }).status.code, StatusCode.UNSET, 'a double code is not read, as in the Collector');
  });

  void test('scope from otel.scope.name / version, else otel.library.name / version; w3c.tracestate becomes the trace state', () => {
    const r = jaegerBatchToModel({
      spans: [
        span({ spanId: '0000000000000001', tags: [{ key: 'otel.scope.name', value: 'lib' }, { key: 'otel.scope.version', value: '2.0' }, { key: 'otel.library.name', value: 'old' }] }),
        span({ spanId: '0000000000000002', tags: [{ key: 'otel.library.name', value: 'old' }, { key: 'otel.library.version', value: '1.0' }, { key: 'w3c.tracestate', value: 'k=v' }] }),
        span({ spanId: '0000000000000003' }),
      ],
    });
    const scopes = r.batch.resourceSpans[0]?.scopeSpans ?? [];
    assert.deepEqual(scopes.map((ss) => [ss.scope.name, ss.scope.version, ss.spans.map((s) => s.spanId)]), [
      ['lib', '2.0', ['0000000000000001']],
      ['old', '1.0', ['0000000000000002']],
      ['', '', ['0000000000000003']],
    ]);
    assert.equal(scopes[0]?.spans[0]?.attributes.get('otel.library.name'), 'old', 'only the tags that named the scope are removed');
    assert.equal(scopes[1]?.spans[0]?.traceState, 'k=v');
    assert.equal(scopes[1]?.spans[0]?.attributes.size, 0);
  });

  void test('parent: parentSpanId, else a CHILD_OF reference in the trace, else a FOLLOWS_FROM one; the other references become links', () => {
    const child = only({ spans: [span({ parentSpanId: '00000000000000b2', references: [{ refType: 'CHILD_OF', traceId: TRACE, spanId: '00000000000000b2' }] })] });
    assert.equal(child.parentSpanId, '00000000000000b2');
    assert.deepEqual(child.links, [], 'the reference that is the parent is not also a link');
    const refs = only({
      spans: [
        span({
          references: [
            { refType: 'FOLLOWS_FROM', traceId: TRACE, spanId: '00000000000000f1' },
            { refType: 'CHILD_OF', traceId: OTHER_TRACE, spanId: '00000000000000c0' },
            { refType: 'CHILD_OF', traceId: TRACE, spanId: '00000000000000c1' },
          ],
        }),
      ],
    });
    assert.equal(refs.parentSpanId, '00000000000000c1');
    assert.deepEqual(
      refs.links.map((l) => [l.traceId, l.spanId, l.attributes.get('opentracing.ref_type')]),
      [
        [TRACE, '00000000000000f1', 'follows_from'],
        [OTHER_TRACE, '00000000000000c0', 'child_of'],
      ],
    );
    const follows = only({ spans: [span({ references: [{ refType: 'FOLLOWS_FROM', traceId: TRACE, spanId: '00000000000000f1' }] })] });
    assert.equal(follows.parentSpanId, '00000000000000f1');
    assert.equal(follows.links.length, 1, 'a FOLLOWS_FROM parent is still a link, as in the Collector');
    const bad = only({ spans: [span({ references: [{ refType: 'FOLLOWS_FROM', traceId: OTHER_TRACE, spanId: '0000000000000000' }] })] });
    assert.deepEqual([bad.links.length, bad.droppedLinksCount], [0, 1]);
  });

  void test('logs become events named by their event field', () => {
    const s = only({ spans: [span({ logs: [{ timeUnixNano: 5_000n, fields: [{ key: 'event', value: 'retry' }, { key: 'attempt', value: 2n }] }, { timeUnixNano: 6_000n, fields: [{ key: 'message', value: 'no name' }] }] })] });
    assert.deepEqual(
      s.events.map((e) => [e.timeUnixNano, e.name, [...e.attributes]]),
      [
        [5_000n, 'retry', [['attempt', 2n]]],
        [6_000n, '', [['message', 'no name']]],
      ],
    );
  });

  void test('process: service.name and tags, hostname -> host.name, jaeger.version -> opencensus.exporterversion', () => {
    const r = jaegerBatchToModel({ process: { serviceName: 'cart', tags: [{ key: 'hostname', value: 'web-1' }, { key: 'jaeger.version', value: 'Node-3.19.0' }, { key: 'ip', value: '10.0.0.1' }] }, spans: [span()] });
    assert.deepEqual([...(r.batch.resourceSpans[0]?.resource.attributes ?? [])], [
      ['service.name', 'cart'],
      ['ip', '10.0.0.1'],
      ['host.name', 'web-1'],
      ['opencensus.exporterversion', 'Jaeger-Node-3.19.0'],
    ]);
    const none = jaegerBatchToModel({ process: { serviceName: 'OTLPResourceNoServiceName', tags: [{ key: 'x', value: 'y' }] }, spans: [span()] });
    assert.equal(none.batch.resourceSpans[0]?.resource.attributes.size, 0);
  });

  void test("a span's own process wins over its batch's; spans of one process share a resource", () => {
    const r = jaegerBatchesToModel([
      { process: { serviceName: 'a', tags: [] }, spans: [span({ spanId: '0000000000000001' }), span({ spanId: '0000000000000002', process: { serviceName: 'b', tags: [] } })] },
      { process: { serviceName: 'a', tags: [] }, spans: [span({ spanId: '0000000000000003' })] },
    ]);
    assert.deepEqual(
      r.batch.resourceSpans.map((rs) => [rs.resource.attributes.get('service.name'), rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.spanId))]),
      [
        ['a', ['0000000000000001', '0000000000000003']],
        ['b', ['0000000000000002']],
      ],
    );
  });

  void test('unusable spans are dropped and named; the others are kept', () => {
    const r = jaegerBatchToModel({ spans: [span({ traceId: '0'.repeat(32) }), span({ spanId: '' }), span({ startTimeUnixNano: -1_000n }), span({ durationNanos: -1n }), span({ traceId: 'abcd' }), span()] });
    assert.equal(r.rejected, 5);
    assert.deepEqual(r.problems, [
      'spans[0].traceId: "00000000000000000000000000000000" is not a non-zero 128-bit id',
      'spans[1].spanId: missing',
      'spans[2].startTime: negative',
      'spans[3].duration: negative',
      'spans[4].traceId: "abcd" is not a non-zero 128-bit id',
    ]);
    assert.equal(r.batch.resourceSpans[0]?.scopeSpans[0]?.spans.length, 1);
  });
});
