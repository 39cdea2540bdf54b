import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { EMPTY_ATTRIBUTE_TEXT, attributeEntry, indexedText } from './attributeText.js';
import { AttributeTextBuilder } from './attributeTextBuilder.js';
import { HashSet32, addTextHashes, bloomMayHold, buildBloom, equalsHash, existsHash } from './blockBloom.js';

/** The hashes of a text, as a plain set. */
function hashesOf(text: string): Set<number> {
  const set = new HashSet32();
  addTextHashes(text, set);
  const out = new Set<number>();
  set.forEach((h) => out.add(h));
  return out;
}

describe('block bloom filters', () => {
  test('an index text hashes to exactly the conditions it answers: each key exists, each key has its value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.string({ maxLength: 300 })), { maxLength: 8 }), (entries) => {
        const built = new AttributeTextBuilder();
        built.start();
        let text = EMPTY_ATTRIBUTE_TEXT;
        for (const [key, value] of entries) {
          built.add(key, indexedText(value));
          text += attributeEntry(key, indexedText(value));
        }
        assert.equal(built.finish(), text);
        const want = new Set(entries.flatMap(([key, value]) => [existsHash(key), equalsHash(key, value)]));
        assert.deepEqual(hashesOf(text), want);
        assert.deepEqual(new Set(built.hashes.subarray(0, built.hashCount)), want);
      }),
    );
  });

  test('the hashes the builder gathers from bytes are those of the text it builds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.string({ maxLength: 300 })), { maxLength: 40 }), (entries) => {
        const built = new AttributeTextBuilder();
        built.start();
        for (const [key, value] of entries) {
          const bytes = Buffer.from(`..${value}`);
          if (!built.addAscii(key, bytes, 2, bytes.length)) built.add(key, indexedText(value));
        }
        const text = built.finish();
        assert.deepEqual(new Set(built.hashes.subarray(0, built.hashCount)), hashesOf(text));
      }),
    );
  });

  test('a value is hashed as the index holds it: cut, separators replaced; an empty value differs from the key alone', () => {
    assert.equal(equalsHash(3, 'a'.repeat(300)), equalsHash(3, 'a'.repeat(256)));
    assert.equal(equalsHash(3, 'a\u001fb'), equalsHash(3, 'a b'));
    assert.notEqual(equalsHash(3, ''), existsHash(3));
    assert.notEqual(equalsHash(3, '12'), equalsHash(31, '2'));
    // Past 64 characters, values are told apart by their first 64 only (a false positive, never a miss).
    assert.equal(equalsHash(3, `${'x'.repeat(64)}a`), equalsHash(3, `${'x'.repeat(64)}b`));
    assert.notEqual(equalsHash(3, 'x'.repeat(64)), equalsHash(3, `${'x'.repeat(64)}b`));
  });

  test('a filter holds every hash added, and few others (about 1% false positives)', () => {
    for (const n of [0, 1, 100, 5000, 200_000]) {
      const set = new HashSet32();
      for (let i = 0; i < n; i++) set.add(equalsHash(7, `v${i}`));
      if (n > 0) set.add(equalsHash(7, 'v0'));
      assert.equal(set.size, n);
      const bloom = buildBloom(set);
      for (let i = 0; i < n; i++) assert.ok(bloomMayHold(bloom, equalsHash(7, `v${i}`)), `${n}: v${i} missing`);
      let yes = 0;
      for (let i = 0; i < 10_000; i++) if (bloomMayHold(bloom, equalsHash(7, `absent${i}`))) yes++;
      // Past the largest filter (2^20 bits, about 100k entries) it says yes more often.
      assert.ok(yes < (n > 100_000 ? 2500 : 300), `${n} entries: ${yes} of 10000 absent values said yes`);
    }
  });

  test('the hash set keeps each hash once, 0 included, across growth and clearing', () => {
    const set = new HashSet32();
    const added = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      const h = (Math.imul(i, 2654435761) >>> 0) % 20_000;
      set.add(h);
      added.add(h);
    }
    assert.equal(set.size, added.size);
    const seen: number[] = [];
    set.forEach((h) => seen.push(h));
    assert.deepEqual(new Set(seen), added);
    assert.equal(seen.length, added.size);
    set.clear();
    assert.equal(set.size, 0);
    set.add(0);
    set.add(0);
    set.add(5);
    assert.equal(set.size, 2);
  });
});
