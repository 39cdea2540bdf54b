import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { AnyValue, Attributes } from '../../model/span.js';
import { arbitraryAttributes } from '../../../test/model/arbitraries.js';
import { canonicalText } from '../../../test/store/conformance/conformanceKit.js';
import { addAttributeColumns, decodeAttributeMap, emptyAttributeColumns, encodeAttributeMap, readAttributeColumns } from './typedValue.js';

const every: Attributes = new Map<string, AnyValue>([
  ['s', 'text'], ['t', true], ['d', 1.5], ['negzero', -0], ['nan', Number.NaN], ['inf', -Infinity], ['i', -9_223_372_036_854_775_808n],
  ['b', new Uint8Array([0, 1, 255])], ['empty', null], ['arr', ['a', 1n, [2.5, null]]], ['kv', new Map([['x', new Map([['y', 1n]])]])],
]);

describe('typed attribute values', () => {
  test('parallel arrays give back every value with its type; the search text is the one the API compares', () => {
    const c = emptyAttributeColumns();
    addAttributeColumns(c, every);
    assert.equal(canonicalText(readAttributeColumns(c.keys, c.types, c.values, c.raws)), canonicalText(every));
    assert.deepEqual(c.values.slice(0, 4), ['text', 'true', '1.5', '0']);
    assert.equal(c.values[6], '-9223372036854775808');
    assert.equal(c.raws.filter((r) => r !== '').length, 3);
  });

  test('JSON maps give back every value with its type, for arbitrary attributes (property)', () => {
    assert.equal(canonicalText(decodeAttributeMap(encodeAttributeMap(every))), canonicalText(every));
    assert.equal(encodeAttributeMap(new Map()), '');
    fc.assert(
      fc.property(arbitraryAttributes(), (a) => {
        assert.equal(canonicalText(decodeAttributeMap(encodeAttributeMap(a))), canonicalText(a));
        const c = emptyAttributeColumns();
        addAttributeColumns(c, a);
        assert.equal(canonicalText(readAttributeColumns(c.keys, c.types, c.values, c.raws)), canonicalText(a));
      }),
    );
  });
});
