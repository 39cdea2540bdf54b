import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { arbitraryResource, arbitraryScope, arbitrarySpan } from '../../../test/model/arbitraries.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { AnyValue, Span } from '../../model/span.js';
import { ByteReader } from './byteReader.js';
import { ByteWriter } from './byteWriter.js';
import { readResourceBody, readScopeBody, readSpanBody, writeResourceBody, writeScopeBody, writeSpanBody } from './spanBody.js';

test('span, resource and scope bodies round-trip every model value (property)', () => {
  const w = new ByteWriter(16);
  fc.assert(
    fc.property(arbitrarySpan(), arbitraryResource(), arbitraryScope(), fc.string(), (span, resource, scope, schemaUrl) => {
      w.reset();
      writeSpanBody(w, span);
      assert.deepStrictEqual(readSpanBody(span.traceId, w.finish()), span);
      w.reset();
      writeResourceBody(w, resource, schemaUrl);
      assert.deepStrictEqual(readResourceBody(w.finish()), { resource, schemaUrl });
      w.reset();
      writeScopeBody(w, scope, schemaUrl);
      assert.deepStrictEqual(readScopeBody(w.finish()), { scope, schemaUrl });
    }),
    { numRuns: 300 },
  );
});

test('truncated or unknown bodies throw instead of returning garbage', () => {
  const w = new ByteWriter();
  fc.assert(
    fc.property(arbitrarySpan(), (span) => {
      w.reset();
      writeSpanBody(w, span);
      const body = w.finish();
      assert.throws(() => readSpanBody(span.traceId, body.subarray(0, body.length - 1)), RangeError);
    }),
    { numRuns: 50 },
  );
  assert.throws(() => readSpanBody('a'.repeat(32), Buffer.from([9])), /version 9/);
  assert.throws(() => new ByteReader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).varint(), RangeError);
});

test('strings of every length and script survive the writer', () => {
  const w = new ByteWriter(4);
  for (const s of ['', 'a', 'ascii-only', 'x'.repeat(24), 'y'.repeat(25), 'é'.repeat(41), 'ü'.repeat(42), '漢字'.repeat(100), '😀'.repeat(70)]) {
    w.reset();
    w.str(s);
    assert.equal(new ByteReader(w.finish()).str(), s);
  }
});

test('span attribute keys can be written as ids and are read back by name; an unknown id is refused', () => {
  const names = new Map<string, number>();
  const keyIdOf = (key: string) => {
    if (key.startsWith('lit')) return 0;
    if (!names.has(key)) names.set(key, names.size + 1);
    return names.get(key) as number;
  };
  const keyName = (id: number) => [...names].find(([, n]) => n === id)?.[0];
  const w = new ByteWriter(16);
  fc.assert(
    fc.property(arbitrarySpan(), (span) => {
      w.reset();
      writeSpanBody(w, span, keyIdOf);
      assert.deepStrictEqual(readSpanBody(span.traceId, w.finish(), keyName), span);
    }),
    { numRuns: 300 },
  );
  const span = { ...(fc.sample(arbitrarySpan(), 1)[0] as Span), attributes: new Map<string, AnyValue>([['k', 1n], ['lit.k', 'x']]) };
  w.reset();
  writeSpanBody(w, span, () => 7);
  assert.throws(() => readSpanBody(span.traceId, w.finish(), () => undefined), /attribute key id 7 is unknown/);
  assert.throws(() => readSpanBody(span.traceId, w.finish()), /attribute key id 7 is unknown/);
  w.reset();
  writeSpanBody(w, span, (k) => (k === 'k' ? 3 : 0));
  const body = w.finish();
  assert.deepStrictEqual(readSpanBody(span.traceId, body, (id) => (id === 3 ? 'k' : undefined)), span);
  assert.ok(body.length < (() => (w.reset(), writeSpanBody(w, span), w.finish().length))(), 'a key id is shorter than the key');
});

test('bodies of format 1 (written before key ids) stay readable', () => {
  // Format 1: version 1, span id, parent flag and id, name, kind, trace state, flags, start, end, attributes as
  // (count, then key text and tagged value each), dropped count, events, dropped, links, dropped, status code, message.
  const w = new ByteWriter();
  w.u8(1);
  w.hex('b1c2d3e4f5061728', 8);
  w.u8(1);
  w.hex('0123456789abcdef', 8);
  w.str('GET /cart');
  w.u8(SpanKind.SERVER);
  w.str('k=v');
  w.varint(1);
  w.u64(1_700_000_000_000_000_000n);
  w.u64(1_700_000_000_005_000_000n);
  w.varint(2);
  w.str('http.request.method');
  w.u8(1);
  w.str('GET');
  w.str('http.response.status_code');
  w.u8(5);
  w.i64(200n);
  w.varint(0);
  w.varint(0);
  w.varint(0);
  w.varint(0);
  w.varint(0);
  w.u8(StatusCode.ERROR);
  w.str('boom');
  const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  assert.deepStrictEqual(readSpanBody(traceId, w.finish(), () => undefined), {
    traceId, spanId: 'b1c2d3e4f5061728', parentSpanId: '0123456789abcdef', traceState: 'k=v', flags: 1, name: 'GET /cart', kind: SpanKind.SERVER,
    startTimeUnixNano: 1_700_000_000_000_000_000n, endTimeUnixNano: 1_700_000_000_005_000_000n,
    attributes: new Map<string, AnyValue>([['http.request.method', 'GET'], ['http.response.status_code', 200n]]),
    droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: StatusCode.ERROR, message: 'boom' },
  });
});

test('ids are written as raw bytes, and strings of 128 characters and more take a two-byte length', () => {
  const w = new ByteWriter(4);
  w.hex('00ff10abcdef9a7b', 8);
  assert.deepEqual([...w.finish()], [0x00, 0xff, 0x10, 0xab, 0xcd, 0xef, 0x9a, 0x7b]);
  for (const s of ['z'.repeat(127), 'z'.repeat(128), 'z'.repeat(16383), 'z'.repeat(16384), `${'z'.repeat(200)}é`]) {
    w.reset();
    w.str(s);
    const bytes = w.finish();
    assert.equal(new ByteReader(bytes).str(), s);
    assert.equal(bytes.length, Buffer.byteLength(s) + (Buffer.byteLength(s) < 128 ? 1 : Buffer.byteLength(s) < 16384 ? 2 : 3));
  }
});
