import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryAttributes } from '../../test/model/arbitraries.js';
import { attributesEqual, attributesKey, cloneAttributes } from './attributes.js';
import type { AnyValue, Attributes } from './span.js';

void describe('attributesKey', () => {
  void test('equal keys exactly for equal attributes, on arbitrary pairs', () => {
    fc.assert(
      fc.property(arbitraryAttributes(), arbitraryAttributes(), (a, b) => {
        assert.equal(attributesKey(a) === attributesKey(b), attributesEqual(a, b));
      }),
    );
  });

  void test('a copy in another key order has the same key', () => {
    fc.assert(
      fc.property(arbitraryAttributes(), (a) => {
        const reversed: Attributes = new Map([...cloneAttributes(a)].reverse());
        assert.equal(attributesKey(reversed), attributesKey(a));
      }),
    );
  });

  void test('tells apart what only a careless encoding would join', () => {
    const cases: [AnyValue, AnyValue][] = [
      [1n, 1],
      ['1', 1],
      ['true', true],
      [null, ''],
      [[], new Map()],
      [['a', 'b'], ['a,b']],
      [new Uint8Array([1]), '01'],
      [new Map([['a', 'b']]), 'a:b'],
    ];
    for (const [x, y] of cases) assert.notEqual(attributesKey(new Map([['k', x]])), attributesKey(new Map([['k', y]])), `${String(x)} / ${String(y)}`);
    // A key that looks like an encoded key and value is still one key.
    assert.notEqual(attributesKey(new Map([['a', 's1:x'], ['b', 'y']])), attributesKey(new Map([['a', 's1:xs1:y']])));
    assert.equal(attributesKey(new Map([['n', -0]])), attributesKey(new Map([['n', 0]])));
    assert.equal(attributesKey(new Map([['n', Number.NaN]])), attributesKey(new Map([['n', Number.NaN]])));
  });
});
