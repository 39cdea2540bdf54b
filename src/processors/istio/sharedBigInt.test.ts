import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharedBigInt } from './sharedBigInt.js';

void describe('sharedBigInt', () => {
  void test('is BigInt(n) for ports, counts beyond the shared range and unsafe-looking input alike', () => {
    for (const n of [0, 1, 200, 8080, 65_535, 65_536, 9_007_199_254_740_991]) {
      assert.equal(sharedBigInt(n), BigInt(n));
      assert.equal(sharedBigInt(n), BigInt(n), 'the second call gives the same value');
    }
  });
});
