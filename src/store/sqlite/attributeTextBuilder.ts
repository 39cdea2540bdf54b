import { EMPTY_ATTRIBUTE_TEXT, INDEXED_VALUE_MAX_CHARS, RS_CODE, US_CODE, attributeEntry } from './attributeText.js';
import { asciiValueHash, keyHash, valueHash } from './blockBloom.js';

/**
 * Builds attribute index texts (attributeText.ts), one at a time, as EMPTY_ATTRIBUTE_TEXT followed by
 * attributeEntry(keyId, value) for each attribute - the same string - but in a reused byte buffer while the text is
 * ASCII, so that a span's text is one string allocation rather than several per attribute. Text that is not ASCII
 * goes on as a string. Beside the text it gathers the text's bloom hashes (blockBloom.ts: each key's, each key and
 * value's), as addTextHashes would find them in it, so that the text is not read again to hash it.
 */
export class AttributeTextBuilder {
  private buf = Buffer.allocUnsafe(1024);
  private pos = 0;
  /** The text, once a value was not ASCII. */
  private text: string | undefined;
  /** Key ids as text, by id. */
  private readonly digits: string[] = [];
  /** keyHash of each key id, by id. */
  private readonly keyHashes: number[] = [];
  /** The bloom hashes of the entries since `start`, `hashCount` of them. */
  hashes = new Uint32Array(64);
  hashCount = 0;

  start(): void {
    this.buf[0] = US_CODE;
    this.pos = 1;
    this.text = undefined;
    this.hashCount = 0;
  }

  /** Adds an entry; `value` is already indexed text (indexedValue / indexedText). */
  add(keyId: number, value: string): void {
    const key = this.keyHashOf(keyId);
    this.hash(key, valueHash(key, value));
    if (this.text !== undefined) {
      this.text += attributeEntry(keyId, value);
      return;
    }
    const id = (this.digits[keyId] ??= String(keyId));
    this.ensure(id.length + value.length + 2);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < id.length; i++) buf[p++] = id.charCodeAt(i);
    buf[p++] = RS_CODE;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x7f) {
        this.text = this.buf.toString('latin1', 0, this.pos) + attributeEntry(keyId, value);
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = US_CODE;
    this.pos = p;
  }

  /**
   * Adds an entry whose value is the string in src[start, end) (UTF-8) when it is its own indexed text - ASCII, no
   * separator, at most INDEXED_VALUE_MAX_CHARS long - and returns true; else adds nothing and returns false (the
   * caller adds the indexed text with `add`).
   */
  addAscii(keyId: number, src: Uint8Array, start: number, end: number): boolean {
    if (this.text !== undefined || end - start > INDEXED_VALUE_MAX_CHARS) return false;
    const id = (this.digits[keyId] ??= String(keyId));
    this.ensure(id.length + (end - start) + 2);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < id.length; i++) buf[p++] = id.charCodeAt(i);
    buf[p++] = RS_CODE;
    for (let i = start; i < end; i++) {
      const c = src[i] as number;
      if (c > 0x7f || c === US_CODE || c === RS_CODE) return false;
      buf[p++] = c;
    }
    buf[p++] = US_CODE;
    this.pos = p;
    const key = this.keyHashOf(keyId);
    this.hash(key, asciiValueHash(key, src, start, end));
    return true;
  }

  finish(): string {
    if (this.text !== undefined) return this.text;
    return this.pos === 1 ? EMPTY_ATTRIBUTE_TEXT : this.buf.toString('latin1', 0, this.pos);
  }

  private keyHashOf(keyId: number): number {
    return (this.keyHashes[keyId] ??= keyHash(this.digits[keyId] ??= String(keyId)));
  }

  /** Notes an entry's hashes: its key's (keyHash) and its value's. */
  private hash(key: number, value: number): void {
    if (this.hashCount + 2 > this.hashes.length) {
      const grown = new Uint32Array(2 * this.hashes.length);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.hashCount++] = key;
    this.hashes[this.hashCount++] = value;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}
