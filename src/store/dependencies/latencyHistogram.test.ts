import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  addEncodedHistogram, addEncodedToDense, bucketMiddleNanos, encodeDenseHistogram, encodeHistogram, histogramQuantile, latencyBucket,
  mergeEncodedHistograms, newDenseHistogram, newHistogram, recordLatency,
} from './latencyHistogram.js';

const MS = 1_000_000n;

describe('latency histogram', () => {
  test('buckets are a quarter of a power of two wide from 1 µs, so a bucket middle is within 9% of any latency in it', () => {
    assert.equal(latencyBucket(0n), 0);
    assert.equal(latencyBucket(999n), 0);
    assert.equal(latencyBucket(1000n), 1);
    assert.equal(latencyBucket(2000n), 5);
    assert.equal(latencyBucket(10n ** 30n), 255);
    fc.assert(
      fc.property(fc.bigInt({ min: 1000n, max: 10n ** 13n }), (ns) => {
        const mid = Number(bucketMiddleNanos(latencyBucket(ns)));
        assert.ok(Math.abs(mid - Number(ns)) / Number(ns) <= 0.091, `${ns} -> ${mid}`);
      }),
    );
  });

  test('encoding round-trips and merging adds counts, in the sparse and the dense form', () => {
    const a = newHistogram();
    const b = newHistogram();
    for (let i = 1; i <= 50; i++) recordLatency(a, BigInt(i) * MS);
    for (let i = 51; i <= 100; i++) recordLatency(b, BigInt(i) * MS);
    const back = newHistogram();
    addEncodedHistogram(back, encodeHistogram(a));
    assert.deepEqual(back, a);
    const merged = newHistogram();
    addEncodedHistogram(merged, mergeEncodedHistograms(encodeHistogram(a), encodeHistogram(b)));
    const dense = newDenseHistogram();
    addEncodedToDense(dense, encodeHistogram(a));
    addEncodedToDense(dense, encodeHistogram(b));
    assert.deepEqual(encodeDenseHistogram(dense), encodeHistogram(merged));
    assert.equal([...merged.values()].reduce((x, y) => x + y, 0), 100);
    assert.deepEqual(encodeHistogram(newHistogram()), Buffer.from([1, 0]));
  });

  test('bytes that are not a histogram add nothing', () => {
    const h = newHistogram();
    addEncodedHistogram(h, Buffer.from([3]));
    addEncodedHistogram(h, Buffer.from([5, 4]));
    addEncodedHistogram(h, Buffer.from([1, 2, 0, 0, 0]));
    assert.equal(h.size, 0);
  });

  test('quantiles are close to the true ones and stay inside the observed range', () => {
    const h = newHistogram();
    for (let i = 1; i <= 1000; i++) recordLatency(h, BigInt(i) * MS);
    const p50 = Number(histogramQuantile(h, 0.5, MS, 1000n * MS)) / 1e6;
    const p99 = Number(histogramQuantile(h, 0.99, MS, 1000n * MS)) / 1e6;
    assert.ok(Math.abs(p50 - 500) / 500 < 0.1, `p50 ${p50}`);
    assert.ok(Math.abs(p99 - 990) / 990 < 0.1, `p99 ${p99}`);
    const one = newHistogram();
    recordLatency(one, 1234567n);
    assert.equal(histogramQuantile(one, 0.5, 1234567n, 1234567n), 1234567n);
    assert.equal(histogramQuantile(newHistogram(), 0.5, 0n, 0n), 0n);
  });
});

test('merging encoded histograms equals decoding, adding and encoding, for any bytes (property)', () => {
  const reference = (a: Uint8Array, b: Uint8Array) => {
    const h = newHistogram();
    addEncodedHistogram(h, a);
    addEncodedHistogram(h, b);
    return encodeHistogram(h);
  };
  const encoded = fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 0xffff_ffff })), { maxLength: 12 }).map((entries) => {
    const h = newHistogram();
    for (const [i, c] of entries) h.set(i, Math.min(0xffff_ffff, (h.get(i) ?? 0) + c));
    return encodeHistogram(h);
  });
  // Well-formed but with zero counts at the ends, or not a histogram at all.
  const raw = fc.uint8Array({ maxLength: 14 });
  const zeroEnds = fc.tuple(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 5 })).map(([first, n]) => {
    const out = Buffer.alloc(2 + 4 * (n + 1));
    out[0] = first;
    out[1] = first + n;
    if (n >= 2) out.writeUInt32LE(7, 2 + 4);
    return out;
  });
  const any = fc.oneof(encoded, raw, zeroEnds);
  fc.assert(
    fc.property(any, any, (a, b) => {
      assert.deepEqual(mergeEncodedHistograms(a, b), reference(a, b));
    }),
    { numRuns: 1000 },
  );
});
