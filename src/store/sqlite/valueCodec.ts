import type { AnyValue, Attributes } from '../../model/span.js';
import type { ByteReader } from './byteReader.js';
import type { ByteWriter } from './byteWriter.js';

// AnyValue in the store's body format: one tag byte, then the value. Every model case has its own tag, so int64
// (bigint) and double (number) stay apart, and bytes, empty values, arrays and kvlists come back as they went in.
const NULL = 0;
const STRING = 1;
const FALSE = 2;
const TRUE = 3;
const DOUBLE = 4;
const INT64 = 5;
const BYTES = 6;
const ARRAY = 7;
const KVLIST = 8;

export function writeValue(w: ByteWriter, v: AnyValue): void {
  switch (typeof v) {
    case 'string':
      w.u8(STRING);
      w.str(v);
      return;
    case 'boolean':
      w.u8(v ? TRUE : FALSE);
      return;
    case 'number':
      w.u8(DOUBLE);
      w.f64(v);
      return;
    case 'bigint':
      w.u8(INT64);
      // DataView.setBigInt64 keeps the low 64 bits (two's complement), as BigInt.asIntN(64, v) would.
      w.i64(v);
      return;
  }
  if (v === null) {
    w.u8(NULL);
  } else if (v instanceof Uint8Array) {
    w.u8(BYTES);
    w.bytes(v);
  } else if (Array.isArray(v)) {
    w.u8(ARRAY);
    w.varint(v.length);
    for (const x of v) writeValue(w, x);
  } else {
    w.u8(KVLIST);
    writeAttributes(w, v);
  }
}

export function writeAttributes(w: ByteWriter, a: Attributes): void {
  w.varint(a.size);
  // keys() and get(), not entries(): iterating entries allocates a pair per attribute.
  for (const k of a.keys()) {
    w.str(k);
    writeValue(w, a.get(k) as AnyValue);
  }
}

export function readValue(r: ByteReader): AnyValue {
  const tag = r.u8();
  switch (tag) {
    case NULL:
      return null;
    case STRING:
      return r.str();
    case FALSE:
      return false;
    case TRUE:
      return true;
    case DOUBLE:
      return r.f64();
    case INT64:
      return r.i64();
    case BYTES:
      return r.blob();
    case ARRAY: {
      const n = r.varint();
      const out = new Array<AnyValue>(n);
      for (let i = 0; i < n; i++) out[i] = readValue(r);
      return out;
    }
    case KVLIST:
      return readAttributes(r);
    default:
      throw new RangeError(`unknown value tag ${tag}`);
  }
}

export function readAttributes(r: ByteReader): Attributes {
  const n = r.varint();
  const out: Attributes = new Map();
  for (let i = 0; i < n; i++) {
    const k = r.str();
    out.set(k, readValue(r));
  }
  return out;
}

/** Moves past one value without building it. */
export function skipValue(r: ByteReader): void {
  const tag = r.u8();
  switch (tag) {
    case NULL:
    case FALSE:
    case TRUE:
      return;
    case STRING:
    case BYTES:
      r.skipStr();
      return;
    case DOUBLE:
    case INT64:
      r.skip(8);
      return;
    case ARRAY: {
      const n = r.varint();
      for (let i = 0; i < n; i++) skipValue(r);
      return;
    }
    case KVLIST:
      skipAttributes(r);
      return;
    default:
      throw new RangeError(`unknown value tag ${tag}`);
  }
}

/** Moves past attributes written by writeAttributes. */
export function skipAttributes(r: ByteReader): void {
  const n = r.varint();
  for (let i = 0; i < n; i++) {
    r.skipStr();
    skipValue(r);
  }
}

/** The tag of a string value (the writer reads strings' bytes in place). */
export const STRING_TAG = STRING;
