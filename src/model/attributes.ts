import type { AnyValue, Attributes } from './span.js';
import { FNV_OFFSET, FNV_PRIME, fnvBytes, fnvText } from './hashing.js';

export function attrs(entries?: Iterable<readonly [string, AnyValue]>): Attributes {
  return new Map(entries);
}

export function getString(a: Attributes, key: string): string | undefined {
  const v = a.get(key);
  return typeof v === 'string' ? v : undefined;
}

/** A value rendered as text the way the OpenTelemetry Collector's `AsString` does (maps and arrays as JSON). */
export function anyValueToString(v: AnyValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return JSON.stringify(anyValueToJson(v));
}

/** A plain JSON rendering of a value: int64 as number when safe, else as string; bytes as base64. */
export function anyValueToJson(v: AnyValue): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(anyValueToJson);
  const out: Record<string, unknown> = {};
  // Defined, not assigned: a key named `__proto__` is then an entry, as JSON.parse makes it, not the prototype.
  v.forEach((x, k) => {
    Object.defineProperty(out, k, { value: anyValueToJson(x), enumerable: true, writable: true, configurable: true });
  });
  return out;
}

/** Deep copy of a value; strings, numbers and booleans are immutable and shared. */
export function cloneAnyValue(v: AnyValue): AnyValue {
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) return v.map(cloneAnyValue);
  if (v instanceof Map) return cloneAttributes(v);
  return v;
}

export function cloneAttributes(a: Attributes): Attributes {
  const out: Attributes = new Map();
  // forEach, not for...of over entries: iterating entries allocates a pair per attribute.
  a.forEach((v, k) => out.set(k, cloneAnyValue(v)));
  return out;
}

/** Structural equality of two values, distinguishing int64 from double. */
export function anyValueEquals(a: AnyValue, b: AnyValue): boolean {
  if (a === b) return true;
  // Every NaN equals every other (NaN !== NaN), as attributesHash hashes them alike.
  if (typeof a === 'number') return typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => anyValueEquals(x, b[i] ?? null));
  if (a instanceof Map) return b instanceof Map && attributesEqual(a, b);
  return false;
}

export function attributesEqual(a: Attributes, b: Attributes): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) {
    if (!b.has(k) || !anyValueEquals(a.get(k) as AnyValue, b.get(k) ?? null)) return false;
  }
  return true;
}

/**
 * A 32-bit hash of attributes that is equal for equal attributes (attributesEqual, key order aside), so that equal
 * resources and scopes are found by one Map lookup and one comparison instead of comparing with every candidate.
 * Entries are hashed one by one and added up, which makes the key order irrelevant.
 */
export function attributesHash(a: Attributes): number {
  let h = a.size;
  for (const k of a.keys()) h = (h + Math.imul(fnvText(FNV_OFFSET, k), FNV_PRIME) + anyValueHash(a.get(k) as AnyValue)) | 0;
  return h;
}

const F64 = new Float64Array(1);
const F64_WORDS = new Int32Array(F64.buffer);

/** Equal for values anyValueEquals calls equal: -0 as 0 and every NaN alike; int64 and double need not differ. */
function anyValueHash(v: AnyValue): number {
  switch (typeof v) {
    case 'string':
      return fnvText(0x2f, v);
    case 'boolean':
      return v ? 0x3a : 0x3b;
    case 'number':
      if (Number.isNaN(v)) return 0x4e;
      F64[0] = v === 0 ? 0 : v;
      return Math.imul((F64_WORDS[0] as number) ^ 0x5bd1e995, 31) ^ (F64_WORDS[1] as number);
    case 'bigint':
      return fnvText(0x71, v.toString());
    default:
      break;
  }
  if (v === null) return 0x13;
  if (v instanceof Uint8Array) {
    return fnvBytes(0x2b, v);
  }
  if (Array.isArray(v)) {
    let h = 0x61;
    for (const x of v) h = (Math.imul(h, 31) + anyValueHash(x)) | 0;
    return h;
  }
  return attributesHash(v) ^ 0x6d;
}
