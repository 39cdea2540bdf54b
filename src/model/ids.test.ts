import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hexWord, wordHex } from './ids.js';

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
