import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hexWord, readId64, wordHex } from './ids.js';

test('hex words: 8 hex digits of either case read as a number, anything else as -1, and written back', () => {
  assert.equal(hexWord('ffffffff', 0), 0xffffffff);
  assert.equal(hexWord('xx0000000A', 2), 10);
  assert.equal(hexWord('DeadBeef', 0), 0xdeadbeef);
  assert.equal(hexWord('0000000g', 0), -1);
  assert.equal(hexWord('1234567', 0), -1, 'too short');
  assert.equal(hexWord('0000000\u0130', 0), -1, 'not ASCII');
  assert.equal(hexWord('00000000', 0), 0);
  assert.equal(wordHex(10), '0000000a');
  fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => assert.equal(hexWord(wordHex(n), 0), n)));
});

test('readId64 reads 16 hex digits as two words, and says when they are not hex (all-ones words, never stale ones)', () => {
  const out = new Uint32Array(4);
  assert.equal(readId64('00000000000000010123456789abcdef', 16, out, 2), true);
  assert.deepEqual([...out], [0, 0, 0x01234567, 0x89abcdef]);
  assert.equal(readId64('0123456789ABCDEF', 0, out, 0), true);
  assert.deepEqual([...out.subarray(0, 2)], [0x01234567, 0x89abcdef]);
  assert.equal(readId64('0123456789abcdeg', 0, out, 0), false);
  assert.deepEqual([...out.subarray(0, 2)], [0x01234567, 0xffffffff]);
  for (const [s, at] of [['0123', 0], ['0123456789abcdef', -4], ['0123456789abcdef', 4]] as const) {
    assert.equal(readId64(s, at, out, 0), false, `${s} from ${at}`);
  }
});
