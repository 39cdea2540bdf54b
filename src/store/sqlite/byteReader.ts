/** Reads what ByteWriter wrote; reading past the end throws a RangeError. */
export class ByteReader {
  private pos = 0;
  private readonly buf: Buffer;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Where the next read starts. */
  get position(): number {
    return this.pos;
  }

  /** The bytes read (for copying ranges of them). */
  get bytes(): Buffer {
    return this.buf;
  }

  /** Moves to `position` (a place read before). */
  seek(position: number): void {
    this.pos = position;
  }

  /** Moves past `n` bytes. */
  skip(n: number): void {
    this.take(n);
  }

  /** Moves past a string (its length, then its bytes). */
  skipStr(): void {
    this.take(this.varint());
  }

  /** The byte range [from, to) as a latin1 string (ASCII text read without UTF-8 decoding). */
  latin1(from: number, to: number): string {
    return this.buf.toString('latin1', from, to);
  }

  private take(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) throw new RangeError(`body ends at byte ${this.buf.length}, ${n} more expected at ${at}`);
    this.pos += n;
    return at;
  }

  u8(): number {
    return this.buf[this.take(1)] as number;
  }

  varint(): number {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.u8();
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    throw new RangeError(`varint longer than 5 bytes at ${this.pos}`);
  }

  u64(): bigint {
    return this.buf.readBigUInt64LE(this.take(8));
  }

  i64(): bigint {
    return this.buf.readBigInt64LE(this.take(8));
  }

  f64(): number {
    return this.buf.readDoubleLE(this.take(8));
  }

  str(): string {
    const n = this.varint();
    const at = this.take(n);
    return this.buf.toString('utf8', at, at + n);
  }

  blob(): Uint8Array {
    const n = this.varint();
    const at = this.take(n);
    return new Uint8Array(this.buf.subarray(at, at + n));
  }

  hex(byteLength: number): string {
    const at = this.take(byteLength);
    return this.buf.toString('hex', at, at + byteLength);
  }

  /** `byteLength` bytes at `at` as lower-case hex, without moving. */
  hexAt(at: number, byteLength: number): string {
    return this.buf.toString('hex', at, at + byteLength);
  }
}
