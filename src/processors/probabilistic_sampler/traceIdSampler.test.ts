import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createTraceIdSampler, scaledSamplingRate } from './traceIdSampler.js';

const randomTraceIds = (n: number) => Array.from({ length: n }, () => randomBytes(16).toString('hex'));
const share = (ids: string[], keep: (id: string) => boolean) => ids.filter(keep).length / ids.length;

void describe('trace-id sampler (hash_seed mode)', () => {
  void test('scales the percentage to 14-bit buckets the way the Collector does (float32, truncated)', () => {
    assert.equal(scaledSamplingRate(0), 0);
    assert.equal(scaledSamplingRate(25), 4096);
    assert.equal(scaledSamplingRate(50), 8192);
    assert.equal(scaledSamplingRate(15.3), 2506);
    assert.equal(scaledSamplingRate(100), 16384);
    assert.equal(scaledSamplingRate(250), 16384);
    assert.equal(scaledSamplingRate(0.001), 0);
  });

  void test('keeps roughly the configured share of 20,000 random trace ids', () => {
    const ids = randomTraceIds(20_000);
    const got = share(ids, createTraceIdSampler(25, 0));
    assert.ok(got > 0.22 && got < 0.28, `kept ${got}`);
    const seeded = share(ids, createTraceIdSampler(10, 22));
    assert.ok(seeded > 0.08 && seeded < 0.12, `kept ${seeded}`);
  });

  void test('keeps roughly the configured share of sequential 64-bit ids padded to 128 bits', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => (i + 1).toString(16).padStart(32, '0'));
    const got = share(ids, createTraceIdSampler(25, 0));
    assert.ok(got > 0.22 && got < 0.28, `kept ${got}`);
  });

  void test('0 keeps nothing and 100 keeps everything, exactly', () => {
    const ids = randomTraceIds(5000);
    assert.equal(ids.filter(createTraceIdSampler(0, 0)).length, 0);
    assert.equal(ids.filter(createTraceIdSampler(100, 7)).length, ids.length);
  });

  void test('two samplers with the same seed agree on every id; another seed decides differently', () => {
    const ids = randomTraceIds(2000);
    const a = createTraceIdSampler(30, 1234);
    const b = createTraceIdSampler(30, 1234);
    const c = createTraceIdSampler(30, 4321);
    assert.deepEqual(ids.map(a), ids.map(b));
    assert.notDeepEqual(ids.map(a), ids.map(c));
  });

  void test('a higher percentage keeps a superset with the same seed', () => {
    const ids = randomTraceIds(2000);
    const low = createTraceIdSampler(10, 5);
    const high = createTraceIdSampler(40, 5);
    assert.ok(ids.filter(low).every(high));
  });
});
