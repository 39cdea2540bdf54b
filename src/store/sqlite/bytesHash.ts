// A 32-bit hash of a byte range, for the writer's in-memory lookups of what it has already seen (catalogued values,
// resource and scope bodies) without building a string of the bytes first. FNV-1a: short inputs, JIT-friendly, and a
// collision costs only a comparison or, in the value catalogue, one autocomplete entry (catalogues.ts).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over bytes [start, end). */
export function bytesHash(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h;
}
