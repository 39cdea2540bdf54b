import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { arbitraryResource, arbitraryScope, arbitrarySpan } from '../../model/arbitraries.js';
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
