import { FNV_OFFSET, FNV_PRIME, fmix32, fnvBytes, fnvText } from '../../model/hashing.js';
import { RS_CODE, US_CODE, indexedText } from './attributeText.js';

// Bloom filters of span blocks (README.md, "Span blocks"): a block's filter holds, for every attribute of its spans and
// of their resources, the hash of `<key id> RS` (the key exists) and of `<key id> RS <value> US` (the key has that
// value), the same text an attribute index holds (attributeText.ts), so a search condition is hashed from its key id
// and value without reading a span. A value longer than HASHED_VALUE_CHARS is hashed by its first that many characters
// and RS instead of US (long values - URLs, statements - would cost most of the hashing, and rarely differ only past
// them). Hashes are 32-bit FNV-1a over UTF-16 code units; the probes are h1 + i * h2, h2 being h1 mixed by murmur3's
// finalizer.

const US = '\u001f';
/** Characters of a value that are hashed. */
const HASHED_VALUE_CHARS = 64;
/** Probes per entry; with BITS_PER_ENTRY bits an entry, about 1% false positives. */
const PROBES = 7;
const BITS_PER_ENTRY = 10;
/** A filter's size in bits: a power of two from 256 bits to 128 KiB (a block with more distinct entries says yes more often). */
const MIN_BITS = 1 << 8;
const MAX_BITS = 1 << 20;

/** murmur3's 32-bit finalizer, made odd so that the probes of a filter of 2^n bits visit distinct bits. */
function mix(h: number): number {
  return (fmix32(h) | 1) >>> 0;
}

/** The hash of `<key id> RS` (existsHash), from the key id's decimal digits: where the key's equals hash goes on. */
export function keyHash(digits: string): number {
  return Math.imul(fnvText(FNV_OFFSET, digits) ^ RS_CODE, FNV_PRIME) >>> 0;
}

/** The equals hash of an (indexed, so separator-free) value, from its key's hash (keyHash): as addTextHashes finds it. */
export function valueHash(key: number, value: string): number {
  const long = value.length > HASHED_VALUE_CHARS;
  const h = fnvText(key, value, 0, long ? HASHED_VALUE_CHARS : value.length);
  return Math.imul(h ^ (long ? RS_CODE : US_CODE), FNV_PRIME) >>> 0;
}

/** valueHash of the ASCII value in bytes[start, end), which holds no separator. */
export function asciiValueHash(key: number, bytes: Uint8Array, start: number, end: number): number {
  const long = end - start > HASHED_VALUE_CHARS;
  const to = long ? start + HASHED_VALUE_CHARS : end;
  return Math.imul(fnvBytes(key, bytes, start, to) ^ (long ? RS_CODE : US_CODE), FNV_PRIME) >>> 0;
}

/** The hash of a condition: the key exists. */
export function existsHash(keyId: number): number {
  return keyHash(String(keyId));
}

/** The hash of a condition: the key's value as text equals `value`. */
export function equalsHash(keyId: number, value: string): number {
  return valueHash(existsHash(keyId), indexedText(value));
}

/**
 * Adds the hashes of every entry of an attribute index text (US, then `<key id> RS <value> US` per attribute) to the
 * set: the key's (up to its RS), and the key and value's (equalsHash).
 */
export function addTextHashes(text: string, set: HashSet32): void {
  let h = FNV_OFFSET;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, FNV_PRIME);
    if (c !== RS_CODE) continue;
    set.add(h >>> 0);
    let end = text.indexOf(US, i + 1);
    if (end < 0) end = text.length;
    const long = end - i - 1 > HASHED_VALUE_CHARS;
    h = fnvText(h, text, i + 1, long ? i + 1 + HASHED_VALUE_CHARS : end);
    set.add(Math.imul(h ^ (long ? RS_CODE : US_CODE), FNV_PRIME) >>> 0);
    h = FNV_OFFSET;
    i = end;
  }
}

/** A set of 32-bit hashes (open addressing, 0 kept apart), reused from block to block. */
export class HashSet32 {
  private slots = new Uint32Array(1 << 10);
  private mask = (1 << 10) - 1;
  private hasZero = false;
  size = 0;

  add(h: number): void {
    if (h === 0) {
      if (!this.hasZero) this.size++;
      this.hasZero = true;
      return;
    }
    let i = mix(h) & this.mask;
    for (;;) {
      const s = this.slots[i] as number;
      if (s === h) return;
      if (s === 0) break;
      i = (i + 1) & this.mask;
    }
    this.slots[i] = h;
    if (++this.size * 2 > this.slots.length) this.grow();
  }

  /** Empties the set; the space of a set grown past `keepSlots` is given back. */
  clear(keepSlots = 1 << 16): void {
    if (this.slots.length > keepSlots) {
      this.slots = new Uint32Array(1 << 10);
      this.mask = (1 << 10) - 1;
    } else if (this.size > 0) this.slots.fill(0);
    this.hasZero = false;
    this.size = 0;
  }

  /** Calls `f` with every hash in the set. */
  forEach(f: (h: number) => void): void {
    if (this.hasZero) f(0);
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i] !== 0) f(this.slots[i] as number);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    this.size = this.hasZero ? 1 : 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.add(old[i] as number);
  }
}

/** A filter holding every hash of the set: BITS_PER_ENTRY bits per hash, rounded up to a power of two. */
export function buildBloom(set: HashSet32): Buffer {
  let bits = MIN_BITS;
  while (bits < set.size * BITS_PER_ENTRY && bits < MAX_BITS) bits *= 2;
  const bloom = Buffer.alloc(bits / 8);
  const mask = bits - 1;
  set.forEach((h) => {
    const h2 = mix(h);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h + Math.imul(i, h2)) & mask;
      bloom[bit >>> 3] = (bloom[bit >>> 3] as number) | (1 << (bit & 7));
    }
  });
  return bloom;
}

/** False when the filter certainly does not hold the hash. */
export function bloomMayHold(bloom: Uint8Array, h: number): boolean {
  const mask = bloom.length * 8 - 1;
  const h2 = mix(h);
  for (let i = 0; i < PROBES; i++) {
    const bit = (h + Math.imul(i, h2)) & mask;
    if (((bloom[bit >>> 3] as number) & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}
