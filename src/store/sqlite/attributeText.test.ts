import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { EMPTY_ATTRIBUTE_TEXT, INDEXED_VALUE_MAX_CHARS, attributeEntry, equalsPattern, existsPattern, indexedText, indexedValue, valueInText } from './attributeText.js';

const text = (entries: [number, string][]) => EMPTY_ATTRIBUTE_TEXT + entries.map(([k, v]) => attributeEntry(k, v)).join('');

test('equals and exists patterns match whole entries only', () => {
  const t = text([[1, 'GET'], [12, '200'], [2, 'GETX']]);
  assert.ok(t.includes(equalsPattern(1, 'GET')));
  assert.ok(t.includes(equalsPattern(12, '200')));
  assert.ok(!t.includes(equalsPattern(1, 'GE')));
  assert.ok(!t.includes(equalsPattern(2, 'GET')));
  assert.ok(!t.includes(equalsPattern(12, '20')));
  assert.ok(t.includes(existsPattern(12)));
  assert.ok(!t.includes(existsPattern(3)));
  assert.equal(valueInText(t, 12), '200');
  assert.equal(valueInText(t, 2n), 'GETX');
  assert.equal(valueInText(t, 3), undefined);
});

test('values are indexed as search text: typed values as text, separators replaced, long ones cut', () => {
  assert.equal(indexedValue(200n), '200');
  assert.equal(indexedValue(true), 'true');
  assert.equal(indexedValue(2.5), '2.5');
  assert.equal(indexedValue(null), '');
  assert.equal(indexedText('a\u001fb\u001ec'), 'a b c');
  assert.equal(indexedText('x'.repeat(1000)).length, INDEXED_VALUE_MAX_CHARS);
  const cut = indexedText('x'.repeat(INDEXED_VALUE_MAX_CHARS - 1) + '😀');
  assert.equal(cut, 'x'.repeat(INDEXED_VALUE_MAX_CHARS - 1));
  const t = text([[1, indexedText('u'.repeat(300))]]);
  assert.ok(t.includes(equalsPattern(1, 'u'.repeat(300))), 'a long value is found by its first characters');
});

test('int64 values are indexed as their decimal text at any magnitude (property)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.bigInt({ min: -10_000_000_000_000_000n, max: 10_000_000_000_000_000n }), fc.bigInt({ min: -1000n, max: 1000n })), (v) => {
      assert.equal(indexedValue(v), v.toString());
    }),
    { numRuns: 2000 },
  );
});
