import { FNV_OFFSET, fnvText } from './hashing.js';

// Trace and span ids are kept as fixed-width lower-case hex: 16- and 8-byte values, as 32 and 16 digits.

export const EMPTY_TRACE_ID = '0'.repeat(32);
export const EMPTY_SPAN_ID = '0'.repeat(16);

const HEX = /^[0-9a-f]*$/;

export function isHex(s: string): boolean {
  return HEX.test(s);
}

/** Bytes to lower-case hex; an empty array gives ''. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Lower-case hex to bytes; '' gives an empty array. */
export function hexToBytes(hex: string): Uint8Array {
  return Buffer.from(hex, 'hex');
}

export function isValidTraceId(id: string): boolean {
  return id.length === 32 && isHex(id) && id !== EMPTY_TRACE_ID;
}

export function isValidSpanId(id: string): boolean {
  return id.length === 16 && isHex(id) && id !== EMPTY_SPAN_ID;
}

/** Left-pads a hex id with zeros to `width` digits (64-bit Zipkin trace ids become 128-bit ones). */
export function padHex(hex: string, width: number): string {
  return hex.length >= width ? hex : '0'.repeat(width - hex.length) + hex;
}

/**
 * A span's identity across threads and copies: its trace id and span id, joined. A store that refuses some spans of a
 * batch names them by these keys (PipelineError.refusedSpans).
 */
export function spanKey(traceId: string, spanId: string): string {
  return traceId + spanId;
}

/**
 * A 32-bit hash (FNV-1a) of spanKey(traceId, spanId), computed without building the key: what a stage keeps to
 * recognise the spans it passed on once their objects are gone. `spanKeyHash(k, '')` hashes a key `k` itself.
 */
export function spanKeyHash(traceId: string, spanId: string): number {
  return fnvText(fnvText(FNV_OFFSET, traceId), spanId) | 0;
}

/**
 * The value of each hex digit (either case) by character code, 0 for other characters below 128: a table lookup is
 * several times faster than branches on the paths that read ids digit by digit.
 */
export const HEX_VALUES: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[0x61 + i] = 10 + i;
    t[0x41 + i] = 10 + i;
  }
  return t;
})();

/**
 * The number written by the 8 hex digits of `s` from `at` (either case), or -1 when they are not 8 hex digits: an id
 * read in 32-bit halves this way, without slicing the string.
 */
export function hexWord(s: string, at: number): number {
  let x = 0;
  for (let i = at; i < at + 8; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? (HEX_VALUES[c] as number) : 0;
    if (d === 0 && c !== 0x30) return -1;
    x = x * 16 + d;
  }
  return x;
}

/**
 * Reads the 16 hex digits of `s` from `at` (a 64-bit id, or a half of a trace id) into out[i] (high) and out[i + 1]
 * (low); returns whether they are 16 hex digits. Digits that are not (or past the end of `s`) read as an all-ones
 * word, so the words are always written.
 */
export function readId64(s: string, at: number, out: Uint32Array, i: number): boolean {
  const high = hexWord(s, at);
  const low = hexWord(s, at + 8);
  out[i] = high;
  out[i + 1] = low;
  return high >= 0 && low >= 0;
}

/** `n` (0 to 2^32 - 1) as 8 lower-case hex digits. */
export function wordHex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
