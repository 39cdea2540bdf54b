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
  let h = 0x811c9dc5;
  for (let i = 0; i < traceId.length; i++) h = Math.imul(h ^ traceId.charCodeAt(i), 0x01000193);
  for (let i = 0; i < spanId.length; i++) h = Math.imul(h ^ spanId.charCodeAt(i), 0x01000193);
  return h | 0;
}
