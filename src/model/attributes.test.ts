import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryAttributes } from '../../test/model/arbitraries.js';
import { attributesEqual, attributesHash, cloneAttributes } from './attributes.js';
import type { AnyValue, Attributes } from './span.js';

void describe('attributesHash', () => {
  void test('equal attributes hash alike, in any key order', () => {
    fc.assert(
      fc.property(arbitraryAttributes(), (a) => {
        const reversed: Attributes = new Map([...cloneAttributes(a)].reverse());
        assert.ok(attributesEqual(reversed, a));
        assert.equal(attributesHash(reversed), attributesHash(a));
      }),
    );
  });

  void test('a NaN value equals a NaN value (and no other number), at any nesting', () => {
    assert.ok(attributesEqual(new Map([['a', Number.NaN]]), new Map([['a', Number.NaN]])));
    assert.ok(attributesEqual(new Map([['a', [Number.NaN]]]), new Map([['a', [Number.NaN]]])));
    assert.ok(!attributesEqual(new Map([['a', Number.NaN]]), new Map([['a', 0]])));
    assert.ok(!attributesEqual(new Map([['a', 1]]), new Map([['a', 1n]])), 'a double is not an int64');
  });

  void test('values anyValueEquals calls equal hash alike (-0 and 0, NaN and NaN, equal bytes, arrays and maps)', () => {
    const pairs: [AnyValue, AnyValue][] = [
      [-0, 0],
      [Number.NaN, Number.NaN],
      [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
      [['a', 1n], ['a', 1n]],
      [new Map([['x', 1], ['y', 2]]), new Map([['y', 2], ['x', 1]])],
    ];
    for (const [x, y] of pairs) assert.equal(attributesHash(new Map([['k', x]])), attributesHash(new Map([['k', y]])), `${String(x)} / ${String(y)}`);
  });

  void test('different attributes of one service (one resource per pod) hash apart', () => {
    const hashes = new Set<number>();
    for (let pod = 0; pod < 1000; pod++) hashes.add(attributesHash(new Map([['service.name', 'checkout'], ['k8s.pod.name', `checkout-7d9c8b6f5-${pod}`]])));
    assert.equal(hashes.size, 1000);
  });
});
