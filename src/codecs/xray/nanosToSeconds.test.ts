import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { nanosToSeconds } from './nanosToSeconds.js';

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
