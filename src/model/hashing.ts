// The project's two non-cryptographic hashes, each written once:
// - FNV-1a (32-bit) over text or bytes as they are read, for lookups that compare on a match (catalogues, resource
//   merging, bloom filters, the spans a stage passed on);
// - murmur3's 32-bit finalizer (fmix32), which spreads a hash or a combination of id words over every bit, for tables
//   indexed by their low bits, bloom probes and the load-balancing ring.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of text[from, to), continuing from `h` (FNV_OFFSET to start); signed 32-bit. */
export function fnvText(h: number, text: string, from = 0, to = text.length): number {
  let x = h;
  for (let i = from; i < to; i++) x = Math.imul(x ^ text.charCodeAt(i), FNV_PRIME);
  return x;
}

/** FNV-1a over bytes[from, to), continuing from `h` (FNV_OFFSET to start); signed 32-bit. */
export function fnvBytes(h: number, bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = h;
  for (let i = from; i < to; i++) x = Math.imul(x ^ (bytes[i] as number), FNV_PRIME);
  return x;
}

/** murmur3's 32-bit finalizer: every bit of `h` reaches every bit of the result (unsigned). */
export function fmix32(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
