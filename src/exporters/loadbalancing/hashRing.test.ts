import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryTraceId } from '../../../test/model/arbitraries.js';
import { createHashRing, hash32 } from './hashRing.js';

const KEYS = 4000;
/** Distinct backends as a resolver reports them (pod addresses and ports), 1 to 12 of them. */
const backendsArb = (min = 1) => fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 255 }), fc.constantFrom(4317, 4318, 14317)).map(([a, b, p]) => `10.${a}.0.${b}:${p}`), { minLength: min, maxLength: 12 });
const keysArb = fc.uniqueArray(arbitraryTraceId(), { minLength: KEYS, maxLength: KEYS });

/** Share of the keys each backend owns. */
function shares(owners: Array<string | undefined>): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of owners) out.set(o as string, (out.get(o as string) ?? 0) + 1 / owners.length);
  return out;
}

void describe('hash ring', () => {
  void test('hash32 is a deterministic unsigned 32-bit value that spreads neighbouring strings', () => {
    assert.equal(hash32('abc'), hash32('abc'));
    const values = Array.from({ length: 1000 }, (_, i) => hash32(`10.0.0.1:4317#${i}`));
    for (const v of values) assert.ok(Number.isInteger(v) && v >= 0 && v < 2 ** 32);
    // Neighbouring inputs land in every eighth of the range.
    const eighths = new Set(values.map((v) => Math.floor(v / 2 ** 29)));
    assert.equal(eighths.size, 8);
  });

  void test('an empty ring owns nothing; one backend owns everything', () => {
    assert.equal(createHashRing([]).owner('abc'), undefined);
    assert.equal(createHashRing(['a:1']).owner('abc'), 'a:1');
  });

  void test('the owner depends on the set of backends, not their order or repetition', () => {
    fc.assert(
      fc.property(backendsArb(), fc.array(arbitraryTraceId(), { minLength: 1, maxLength: 50 }), (backends, keys) => {
        const a = createHashRing(backends);
        const b = createHashRing([...backends].reverse().concat(backends));
        for (const k of keys) {
          assert.ok(backends.includes(a.owner(k) as string));
          assert.equal(a.owner(k), b.owner(k));
        }
      }),
      { numRuns: 50 },
    );
  });

  void test('every backend owns about 1/N of the trace ids', () => {
    fc.assert(
      fc.property(backendsArb(2), keysArb, (backends, keys) => {
        const ring = createHashRing(backends);
        const got = shares(keys.map((k) => ring.owner(k)));
        const fair = 1 / backends.length;
        for (const b of backends) {
          const share = got.get(b) ?? 0;
          assert.ok(share > fair * 0.5 && share < fair * 1.5, `${b}: ${share.toFixed(3)} of the keys, fair share ${fair.toFixed(3)}`);
        }
      }),
      { numRuns: 30 },
    );
  });

  void test('adding a backend to N moves about 1/(N+1) of the trace ids, all of them to the new backend', () => {
    fc.assert(
      fc.property(backendsArb(2), keysArb, (all, keys) => {
        const [added, ...before] = all as [string, ...string[]];
        const old = createHashRing(before);
        const grown = createHashRing(all);
        let moved = 0;
        for (const k of keys) {
          const from = old.owner(k);
          const to = grown.owner(k);
          if (from === to) continue;
          moved++;
          assert.equal(to, added, `${k} moved from ${from} to ${to}, not to the new backend`);
        }
        const fair = 1 / all.length;
        const share = moved / keys.length;
        assert.ok(share > fair * 0.5 && share < fair * 1.5, `moved ${share.toFixed(3)} of the keys, fair share ${fair.toFixed(3)}`);
      }),
      { numRuns: 30 },
    );
  });

  void test('removing a backend moves exactly the trace ids it owned', () => {
    fc.assert(
      fc.property(backendsArb(2), keysArb, (all, keys) => {
        const [removed, ...after] = all as [string, ...string[]];
        const old = createHashRing(all);
        const shrunk = createHashRing(after);
        for (const k of keys) {
          const from = old.owner(k);
          if (from === removed) assert.notEqual(shrunk.owner(k), removed);
          else assert.equal(shrunk.owner(k), from, `${k} moved although its backend ${from} stayed`);
        }
      }),
      { numRuns: 30 },
    );
  });
});
