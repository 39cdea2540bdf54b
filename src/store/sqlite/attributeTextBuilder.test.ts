import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { EMPTY_ATTRIBUTE_TEXT, attributeEntry } from './attributeText.js';
import { AttributeTextBuilder } from './attributeTextBuilder.js';

test('the builder gives the same text as concatenated entries, ASCII or not, and can be reused (property)', () => {
  const b = new AttributeTextBuilder();
  const entry = fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ minLength: 300, maxLength: 2000 })));
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
      b.start();
      for (const [k, v] of entries) b.add(k, v);
      assert.equal(b.finish(), EMPTY_ATTRIBUTE_TEXT + entries.map(([k, v]) => attributeEntry(k, v)).join(''));
    }),
    { numRuns: 500 },
  );
});

test('a value that is not ASCII after ASCII ones keeps every character', () => {
  const b = new AttributeTextBuilder();
  b.start();
  b.add(1, 'GET');
  b.add(22, 'café 漢字 😀');
  b.add(3, 'x');
  assert.equal(b.finish(), `${EMPTY_ATTRIBUTE_TEXT}1\u001eGET\u001f22\u001ecafé 漢字 😀\u001f3\u001ex\u001f`);
  b.start();
  assert.equal(b.finish(), EMPTY_ATTRIBUTE_TEXT);
});
