import { HEX_VALUES } from '../../model/ids.js';

/**
 * An append-only little-endian byte buffer for the store's row bodies (grows as needed). It is reused: either one
 * body at a time (`reset`, write, `finish` copies it out), or many bodies of one write back to back (`position`
 * marks where each ends, `slice` gives a view without copying, valid until the next `reset`).
 */
export class ByteWriter {
  private buf: Buffer;
  private view: DataView;
  private pos = 0;
  private readonly initialBytes: number;

  constructor(initialBytes = 4096) {
    this.initialBytes = initialBytes;
    this.buf = Buffer.allocUnsafe(initialBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Starts over; a buffer grown past `keepBytes` is given back, so one huge write does not pin its memory. */
  reset(keepBytes = Infinity): void {
    this.pos = 0;
    if (this.buf.length > keepBytes) this.replace(Buffer.allocUnsafe(this.initialBytes));
  }

  /** Bytes written since the last reset. */
  get position(): number {
    return this.pos;
  }

  /** A copy of what was written since the last reset. */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  /** A view (no copy) of bytes [from, to) written since the last reset; it is overwritten after the next reset. */
  slice(from: number, to: number): Buffer {
    return this.buf.subarray(from, to);
  }

  private replace(next: Buffer): void {
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.replace(next);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  /** An unsigned integer below 2^32 in 1-5 bytes (LEB128). */
  varint(v: number): void {
    this.ensure(5);
    let x = v >>> 0;
    while (x > 0x7f) {
      this.buf[this.pos++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    this.buf[this.pos++] = x;
  }

  /** The low 64 bits of `v`, unsigned. */
  u64(v: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.pos, v, true);
    this.pos += 8;
  }

  i64(v: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.pos, v, true);
    this.pos += 8;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** UTF-8 with its byte length first. */
  str(s: string): void {
    const len = s.length;
    // ASCII text below 16 KiB is copied by a loop (cheaper than a native call for the short strings spans carry).
    if (len < 0x4000 && this.ascii(s)) return;
    if (len < 42) {
      // At most 3 bytes per UTF-16 unit, so the length fits one varint byte: write the text, then its length.
      this.ensure(1 + 3 * len);
      const n = this.buf.write(s, this.pos + 1, 'utf8');
      this.buf[this.pos] = n;
      this.pos += 1 + n;
      return;
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.varint(n);
    this.ensure(n);
    this.buf.write(s, this.pos, 'utf8');
    this.pos += n;
  }

  /** Writes a string below 2^14 characters that is all ASCII (varint length, a byte per character); false if not. */
  private ascii(s: string): boolean {
    const len = s.length;
    const head = len < 0x80 ? 1 : 2;
    this.ensure(head + len);
    const buf = this.buf;
    const start = this.pos + head;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return false;
      buf[start + i] = c;
    }
    if (head === 1) buf[this.pos] = len;
    else {
      buf[this.pos] = (len & 0x7f) | 0x80;
      buf[this.pos + 1] = len >>> 7;
    }
    this.pos = start + len;
    return true;
  }

  /** Bytes [start, end) of `src`, as they are (a part of another body, already encoded). */
  copy(src: Buffer, start: number, end: number): void {
    const n = end - start;
    this.ensure(n);
    // Short runs (most attribute values) by a loop: cheaper than a native call.
    if (n <= 32) {
      const buf = this.buf;
      let p = this.pos;
      for (let i = start; i < end; i++) buf[p++] = src[i] as number;
    } else src.copy(this.buf, this.pos, start, end);
    this.pos += n;
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Fixed-width lower-case hex (a trace or span id, already checked: other characters read as 0) as raw bytes. */
  hex(s: string, byteLength: number): void {
    this.ensure(byteLength);
    const buf = this.buf;
    const at = this.pos;
    for (let i = 0; i < byteLength; i++) buf[at + i] = ((HEX_VALUES[s.charCodeAt(2 * i) & 0x7f] as number) << 4) | (HEX_VALUES[s.charCodeAt(2 * i + 1) & 0x7f] as number);
    this.pos += byteLength;
  }
}
