import { fmix32 } from '../../model/hashing.js';

// MurmurHash3 x86 32-bit (Austin Appleby, public domain; https://github.com/aappleby/smhasher, MurmurHash3.cpp
// `MurmurHash3_x86_32`). Written from that reference; blocks are read little-endian as the reference does on x86.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mixK(k: number): number {
  return Math.imul(rotl32(Math.imul(k, C1), 15), C2);
}

/** The 32-bit MurmurHash3 of `key` with `seed` (a uint32), as an unsigned 32-bit integer. */
export function murmur3x86_32(key: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const blocks = key.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    const k = (key[i] as number) | ((key[i + 1] as number) << 8) | ((key[i + 2] as number) << 16) | ((key[i + 3] as number) << 24);
    h ^= mixK(k);
    h = rotl32(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = key.length & 3;
  if (rest > 0) {
    let k = 0;
    if (rest === 3) k ^= (key[blocks + 2] as number) << 16;
    if (rest >= 2) k ^= (key[blocks + 1] as number) << 8;
    k ^= key[blocks] as number;
    h ^= mixK(k);
  }
  return fmix32(h ^ key.length);
}
