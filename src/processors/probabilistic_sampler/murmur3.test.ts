import assert from 'node:assert/strict';
import { test } from 'node:test';
import { murmur3x86_32 } from './murmur3.js';

// Published MurmurHash3 x86_32 test vectors: Ian Boyd's set (https://stackoverflow.com/a/31929528), the examples on
// https://en.wikipedia.org/wiki/MurmurHash, and Bitcoin Core's src/test/hash_tests.cpp (BIP37 seed 0xFBA4C795).
const hex = (h: string) => Buffer.from(h, 'hex');
const text = (s: string) => Buffer.from(s, 'utf8');
const VECTORS: Array<[Uint8Array, number, number]> = [
  [hex(''), 0, 0x00000000],
  [hex(''), 1, 0x514e28b7],
  [hex(''), 0xffffffff, 0x81f16f39],
  [hex(''), 0xfba4c795, 0x6a396f08],
  [hex('00'), 0xfba4c795, 0xea3f0b17],
  [hex('ffffffff'), 0, 0x76293b50],
  [hex('21436587'), 0, 0xf55b516b],
  [hex('21436587'), 0x5082edee, 0x2362f9de],
  [hex('214365'), 0, 0x7e4a8634],
  [hex('2143'), 0, 0xa0f7b07a],
  [hex('21'), 0, 0x72661cf4],
  [hex('00000000'), 0, 0x2362f9de],
  [hex('000000'), 0, 0x85f0b427],
  [hex('0000'), 0, 0x30f4c306],
  [hex('00'), 0, 0x514e28b7],
  [text('aaaa'), 0x9747b28c, 0x5a97808a],
  [text('aaa'), 0x9747b28c, 0x283e0130],
  [text('aa'), 0x9747b28c, 0x5d211726],
  [text('a'), 0x9747b28c, 0x7fa09ea6],
  [text('abcd'), 0x9747b28c, 0xf0478627],
  [text('abc'), 0x9747b28c, 0xc84a62dd],
  [text('ab'), 0x9747b28c, 0x74875592],
  [text('Hello, world!'), 0x9747b28c, 0x24884cba],
  [text('ππππππππ'), 0x9747b28c, 0xd58063c1],
  [text('a'.repeat(256)), 0x9747b28c, 0x37405bdc],
  [text('abc'), 0, 0xb3dd93fa],
  [text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), 0, 0xee925b90],
  [text('The quick brown fox jumps over the lazy dog'), 0x9747b28c, 0x2fa826cd],
  [text('test'), 0x9747b28c, 0x704b81dc],
];

void test('murmur3x86_32 matches the published test vectors', () => {
  for (const [key, seed, want] of VECTORS) {
    assert.equal(murmur3x86_32(key, seed), want, `key ${Buffer.from(key).toString('hex')} seed 0x${seed.toString(16)}`);
  }
});
