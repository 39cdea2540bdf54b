import type { AnyValue, Attributes } from './span.js';

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
  for (const [k, x] of v) out[k] = anyValueToJson(x);
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
  for (const [k, v] of a) out.set(k, cloneAnyValue(v));
  return out;
}

/** Structural equality of two values, distinguishing int64 from double. */
export function anyValueEquals(a: AnyValue, b: AnyValue): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b as number);
  if (a instanceof Uint8Array) return b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => anyValueEquals(x, b[i] ?? null));
  if (a instanceof Map) return b instanceof Map && attributesEqual(a, b);
  return false;
}

export function attributesEqual(a: Attributes, b: Attributes): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    if (!b.has(k) || !anyValueEquals(v, b.get(k) ?? null)) return false;
  }
  return true;
}

/**
 * A text equal for two attribute maps exactly when attributesEqual says they are equal (key order aside), so that
 * equal resources and scopes can be found with one Map lookup instead of comparing with every candidate. Every part
 * is typed and length-prefixed, keys are sorted, and values follow anyValueEquals (int64 apart from double, -0 equal
 * to 0, NaN equal to NaN).
 */
export function attributesKey(a: Attributes): string {
  const keys = [...a.keys()];
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort();
      break;
    }
  }
  let out = '';
  for (const k of keys) out += `${k.length}:${k}${anyValueKey(a.get(k) as AnyValue)}`;
  return out;
}

function anyValueKey(v: AnyValue): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}`;
    case 'boolean':
      return v ? 't' : 'f';
    case 'number':
      // String(-0) is "0": -0 equals 0 as anyValueEquals sees it; NaN is "NaN" on both sides.
      return `d${String(v)};`;
    case 'bigint':
      return `i${v};`;
    default:
      break;
  }
  if (v instanceof Uint8Array) return `x${v.length}:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  if (Array.isArray(v)) {
    let out = `a${v.length}[`;
    for (const x of v) out += anyValueKey(x);
    return `${out}]`;
  }
  const inner = attributesKey(v);
  return `m${inner.length}:${inner}`;
}
