import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FNV_OFFSET, fmix32, fnvBytes, fnvText } from './hashing.js';

test('FNV-1a gives the published 32-bit test vectors, and continues where a prefix left off', () => {
  // Landon Curt Noll's FNV test suite: FNV-1a 32 of "", "a" and "foobar".
  assert.equal(fnvText(FNV_OFFSET, '') >>> 0, 0x811c9dc5);
  assert.equal(fnvText(FNV_OFFSET, 'a') >>> 0, 0xe40c292c);
  assert.equal(fnvText(FNV_OFFSET, 'foobar') >>> 0, 0xbf9cf968);
  assert.equal(fnvText(fnvText(FNV_OFFSET, 'foo'), 'bar'), fnvText(FNV_OFFSET, 'foobar'));
  assert.equal(fnvText(FNV_OFFSET, 'xfoobarx', 1, 7), fnvText(FNV_OFFSET, 'foobar'));
});

test('FNV-1a over bytes equals FNV-1a over text for ASCII (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
      assert.equal(fnvBytes(FNV_OFFSET, Buffer.from(s, 'latin1')), fnvText(FNV_OFFSET, s));
    }),
  );
});

test("fmix32 is murmur3's finalizer: 0 stays 0, and it is a bijection on the values tried", () => {
  assert.equal(fmix32(0), 0);
  const seen = new Set<number>();
  for (let i = 0; i < 100_000; i++) seen.add(fmix32(i));
  assert.equal(seen.size, 100_000);
  for (const v of seen) assert.ok(v >= 0 && v <= 0xffffffff);
});
