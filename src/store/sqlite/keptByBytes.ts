/**
 * Values found again by the bytes they were made from, through a 32-bit hash of those bytes and a comparison: the
 * store's resource and scope ids by their stored bodies (origins.ts), and the objects the wire reader built from a
 * message's bytes (batchWire.ts). It starts over once it holds `max` entries, so a stream of new bytes cannot grow it.
 */
export class KeptByBytes<T> {
  private readonly byHash = new Map<number, { bytes: Buffer; value: T }[]>();
  private size = 0;

  constructor(private readonly max: number) {}

  /** The value kept for bytes[from, to), whose hash is `hash`. */
  find(bytes: Buffer, from: number, to: number, hash: number): T | undefined {
    const same = this.byHash.get(hash);
    if (same !== undefined) for (const e of same) if (e.bytes.length === to - from && bytes.compare(e.bytes, 0, e.bytes.length, from, to) === 0) return e.value;
    return undefined;
  }

  /** Keeps `value` for `bytes`, which must be the caller's own copy. */
  add(bytes: Buffer, hash: number, value: T): void {
    if (this.size >= this.max) this.clear();
    const same = this.byHash.get(hash);
    if (same === undefined) this.byHash.set(hash, [{ bytes, value }]);
    else same.push({ bytes, value });
    this.size++;
  }

  clear(): void {
    this.byHash.clear();
    this.size = 0;
  }
}
