import { anyValueToString } from '../../model/attributes.js';
import type { AnyValue } from '../../model/span.js';

// The attribute index of a span or resource is one text column (README.md, "Attribute index"): every attribute as
// US <key id> RS <value as text>, then a final US. A key/value filter is then a substring test that SQLite's
// instr() answers without calling back into JavaScript, and writing a span costs one column instead of a row per
// attribute. Values are the text the search API compares (`200`, `true`, `GET`), cut to INDEXED_VALUE_MAX_CHARS,
// with the two separator characters replaced by spaces.

const US = '\u001f';
const RS = '\u001e';
/** The separators' character codes (for attributeTextBuilder.ts). */
export const US_CODE = 0x1f;
export const RS_CODE = 0x1e;

/** Longer values are indexed, and compared, by their first this many characters. */
export const INDEXED_VALUE_MAX_CHARS = 256;

export const EMPTY_ATTRIBUTE_TEXT = US;

/** A value as the index holds it. */
export function indexedValue(v: AnyValue): string {
  if (typeof v === 'string') return indexedText(v);
  // A safe integer prints the same as a number, which V8 converts from a cache (no BigInt formatting).
  if (typeof v === 'bigint' && v >= MIN_SAFE && v <= MAX_SAFE) return String(Number(v));
  return indexedText(anyValueToString(v));
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A search value as the index holds it. */
export function indexedText(text: string): string {
  let s = text;
  if (s.length > INDEXED_VALUE_MAX_CHARS) {
    const cut = INDEXED_VALUE_MAX_CHARS - (isHighSurrogate(s.charCodeAt(INDEXED_VALUE_MAX_CHARS - 1)) ? 1 : 0);
    s = s.slice(0, cut);
  }
  return s.includes(US) || s.includes(RS) ? s.replaceAll(US, ' ').replaceAll(RS, ' ') : s;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** One entry, to be concatenated after EMPTY_ATTRIBUTE_TEXT (each entry ends with the US that opens the next). */
export function attributeEntry(keyId: number, value: string): string {
  return keyId + RS + value + US;
}


/** The substring present exactly when the key has this (indexed) value. */
export function equalsPattern(keyId: number, value: string): string {
  return US + keyId + RS + indexedText(value) + US;
}

/** The substring present exactly when the key is there. */
export function existsPattern(keyId: number): string {
  return US + keyId + RS;
}

/** The indexed value of a key in an attribute text, or undefined. */
export function valueInText(text: string, keyId: number | bigint): string | undefined {
  const head = US + keyId + RS;
  const at = text.indexOf(head);
  if (at < 0) return undefined;
  const from = at + head.length;
  return text.slice(from, text.indexOf(US, from));
}
