import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { secondsToNanos } from './secondsToNanos.js';

describe('secondsToNanos', () => {
  test('reads the digits of the shortest decimal text, with or without an exponent', () => {
    assert.equal(secondsToNanos(1596648396.6399446), 1596648396639944600n);
    assert.equal(secondsToNanos(42), 42_000_000_000n);
    assert.equal(secondsToNanos(0.000001), 1000n);
    assert.equal(secondsToNanos(1e-7), 100n);
    assert.equal(secondsToNanos(1e10), 10_000_000_000_000_000_000n);
    assert.equal(secondsToNanos(0.1234567891), 123456789n, 'a tenth decimal below 5 rounds down');
    assert.equal(secondsToNanos(0.1234567896), 123456790n, 'a tenth decimal of 5 or more rounds up');
  });

  test('the top of the uint64 range: the double nearest to the largest value reads as it, larger ones are refused', () => {
    assert.equal(secondsToNanos(18446744073.709553), (1n << 64n) - 1n);
    assert.equal(secondsToNanos(18446744073.70955), 18446744073709550000n);
    assert.equal(secondsToNanos(18446744074), undefined);
    assert.equal(secondsToNanos(1e21), undefined);
  });
});
