import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { forEachSpan } from '../../model/batch.js';
import { SpanKind, type Span } from '../../model/span.js';
import { decodeZipkinV2Proto } from './decodeZipkinV2Proto.js';
import { ListOfSpansType } from './zipkinProto.js';

function encode(spans: Array<Record<string, unknown>>): Uint8Array {
  return ListOfSpansType.encode(ListOfSpansType.fromObject({ spans })).finish();
}

function decoded(spans: Array<Record<string, unknown>>): { spans: Span[]; problems: string[] } {
  const r = decodeZipkinV2Proto(encode(spans));
  const out: Span[] = [];
  forEachSpan(r.batch, (s) => out.push(s));
  return { spans: out, problems: r.problems };
}

const id = Buffer.from('0102030405060708', 'hex');

void describe('decodeZipkinV2Proto', () => {
  void test('bytes that are not a ListOfSpans are SB_MALFORMED', () => {
    assert.throws(() => decodeZipkinV2Proto(Buffer.from([0x0a, 0xff, 0xff, 0x01])), (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && /ListOfSpans/.test(e.message));
  });

  void test('synthetic, no fixture has it: an 8-byte trace id is a 64-bit id, like a 16-byte one with a zero high half', () => {
    const { spans } = decoded([
      { trace_id: Buffer.from('463ac35c9f6413ad', 'hex'), id },
      { trace_id: Buffer.from('0000000000000000463ac35c9f6413ad', 'hex'), id },
    ]);
    for (const s of spans) {
      assert.equal(s.traceId, '0000000000000000463ac35c9f6413ad');
      assert.equal(s.attributes.get('zipkin.trace_id_64bit'), true);
    }
  });

  void test('fields: kind, times in microseconds, endpoint address bytes as text, tags, flags', () => {
    const { spans } = decoded([{
      trace_id: Buffer.alloc(16, 0x11), id, parent_id: Buffer.from('0000000000000009', 'hex'), kind: 2, name: 'GET /',
      timestamp: 1_700_000_000_000_001, duration: 25,
      local_endpoint: { service_name: 'svc', ipv4: Buffer.from([10, 0, 0, 1]), ipv6: Buffer.from('20010db8000000000000000000000001', 'hex'), port: 80 },
      remote_endpoint: { service_name: 'db' },
      annotations: [{ timestamp: 1_700_000_000_000_010, value: 'retry' }],
      tags: { 'http.method': 'GET' }, debug: true, shared: true,
    }]);
    const [s] = spans;
    assert.equal(s?.kind, SpanKind.SERVER);
    assert.equal(s?.parentSpanId, '0000000000000009');
    assert.equal(s?.startTimeUnixNano, 1_700_000_000_000_001_000n);
    assert.equal(s?.endTimeUnixNano, 1_700_000_000_000_026_000n);
    assert.deepEqual(Object.fromEntries(s?.attributes ?? []), {
      'http.method': 'GET',
      'network.local.address': '2001:db8::1',
      'network.local.port': 80n,
      'zipkin.local_endpoint.ipv4': '10.0.0.1',
      'peer.service': 'db',
      'zipkin.shared': true,
      'zipkin.debug': true,
    });
    assert.deepEqual(s?.events.map((e) => [e.name, e.timeUnixNano]), [['retry', 1_700_000_000_000_010_000n]]);
  });

  void test('spans with unusable ids are dropped with a reason', () => {
    const { spans, problems } = decoded([{ trace_id: Buffer.alloc(5, 1), id }, { trace_id: Buffer.alloc(16, 1) }, { trace_id: Buffer.alloc(16, 1), id }]);
    assert.equal(spans.length, 1);
    assert.deepEqual(problems, ['span[0].trace_id: 5 bytes (expected 8 or 16)', 'span[1].id: 0 bytes (expected 8)']);
  });
});
