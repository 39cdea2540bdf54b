import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { nanosToSeconds, secondsToNanos } from './times.js';

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

const MAX_U64 = (1n << 64n) - 1n;

/** The definition: the double nearest to the exact decimal number of seconds. */
function parsedDecimal(ns: bigint): number {
  const text = ns.toString().padStart(10, '0');
  return Number(`${text.slice(0, -9)}.${text.slice(-9)}`);
}

describe('nanosToSeconds', () => {
  test('is the double nearest to the exact decimal value, over the whole uint64 range', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX_U64 }), (ns) => nanosToSeconds(ns) === parsedDecimal(ns)), { numRuns: 20000 });
  });

  test('at current epochs too, next to the values that lie halfway between two doubles', () => {
    // Halfway points at 2^30..2^31 s are odd multiples of 2^-23 s; the nanosecond values around them are the hard cases.
    const nearHalfway = fc.tuple(fc.bigInt({ min: 1n << 30n, max: (1n << 31n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 23n) - 1n }), fc.constantFrom(-1n, 0n, 1n)).map(([s, q, d]) => {
      const f = (q * 1_000_000_000n) / (1n << 23n) + d;
      return s * 1_000_000_000n + (f < 0n ? 0n : f);
    });
    fc.assert(fc.property(nearHalfway, (ns) => nanosToSeconds(ns) === parsedDecimal(ns)), { numRuns: 20000 });
    for (const ns of [0n, 1n, 999_999_999n, 1_000_000_000n, (1n << 20n) * 1_000_000_000n - 1n, (1n << 20n) * 1_000_000_000n, 1_596_648_396_639_944_600n, MAX_U64]) {
      assert.equal(nanosToSeconds(ns), parsedDecimal(ns), `${ns}`);
    }
  });
});
