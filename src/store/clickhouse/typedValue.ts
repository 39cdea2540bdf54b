import { anyValueToString } from '../../model/attributes.js';
import type { AnyValue, Attributes } from '../../model/span.js';

// Attribute values in ClickHouse columns (README.md, "Attributes"). Span and resource attributes are parallel arrays:
// key, type, the value as the search compares it (anyValueToString: `200`, `true`, `GET`, JSON for arrays and maps,
// base64 for bytes), and a lossless form only where that text is not enough (-0, arrays, maps). Attributes of
// events, links and scopes, which nothing searches, are one JSON text each with every value tagged by its type.

export const ValueType = { EMPTY: 0, STRING: 1, BOOL: 2, INT: 3, DOUBLE: 4, BYTES: 5, ARRAY: 6, KVLIST: 7 } as const;

export interface AttributeColumns {
  keys: string[];
  types: number[];
  values: string[];
  raws: string[];
}

type Tagged = null | ['s', string] | ['b', boolean] | ['i', string] | ['d', number | string] | ['x', string] | ['a', Tagged[]] | ['m', [string, Tagged][]];

function tag(v: AnyValue): Tagged {
  if (v === null) return null;
  if (typeof v === 'string') return ['s', v];
  if (typeof v === 'boolean') return ['b', v];
  if (typeof v === 'bigint') return ['i', v.toString()];
  if (typeof v === 'number') return ['d', Number.isFinite(v) && !Object.is(v, -0) ? v : String(Object.is(v, -0) ? '-0' : v)];
  if (v instanceof Uint8Array) return ['x', Buffer.from(v).toString('hex')];
  if (Array.isArray(v)) return ['a', v.map(tag)];
  return ['m', [...v].map(([k, x]): [string, Tagged] => [k, tag(x)])];
}

function untag(t: Tagged): AnyValue {
  if (t === null) return null;
  switch (t[0]) {
    case 's':
    case 'b':
      return t[1];
    case 'i':
      return BigInt(t[1]);
    case 'd':
      return typeof t[1] === 'number' ? t[1] : Number(t[1]);
    case 'x':
      return new Uint8Array(Buffer.from(t[1], 'hex'));
    case 'a':
      return t[1].map(untag);
    case 'm':
      return new Map(t[1].map(([k, x]) => [k, untag(x)]));
  }
}

/** Attributes as one JSON text with typed values; an empty map is ''. */
export function encodeAttributeMap(a: Attributes): string {
  if (a.size === 0) return '';
  const out: [string, Tagged][] = [];
  for (const [k, v] of a) out.push([k, tag(v)]);
  return JSON.stringify(out);
}

export function decodeAttributeMap(text: string): Attributes {
  if (text === '') return new Map();
  return new Map((JSON.parse(text) as [string, Tagged][]).map(([k, t]) => [k, untag(t)]));
}

function typeOf(v: AnyValue): number {
  if (v === null) return ValueType.EMPTY;
  if (typeof v === 'string') return ValueType.STRING;
  if (typeof v === 'boolean') return ValueType.BOOL;
  if (typeof v === 'bigint') return ValueType.INT;
  if (typeof v === 'number') return ValueType.DOUBLE;
  if (v instanceof Uint8Array) return ValueType.BYTES;
  return Array.isArray(v) ? ValueType.ARRAY : ValueType.KVLIST;
}

/** Appends each attribute to the parallel arrays. */
export function addAttributeColumns(into: AttributeColumns, a: Attributes): void {
  for (const [k, v] of a) {
    const type = typeOf(v);
    into.keys.push(k);
    into.types.push(type);
    into.values.push(typeof v === 'string' ? v : anyValueToString(v));
    into.raws.push(type === ValueType.ARRAY || type === ValueType.KVLIST || Object.is(v, -0) ? JSON.stringify(tag(v)) : '');
  }
}

export function emptyAttributeColumns(): AttributeColumns {
  return { keys: [], types: [], values: [], raws: [] };
}

/** The attributes the parallel arrays hold, in their order. */
export function readAttributeColumns(keys: readonly string[], types: readonly number[], values: readonly string[], raws: readonly string[]): Attributes {
  const out: Attributes = new Map();
  for (let i = 0; i < keys.length; i++) {
    const raw = raws[i] ?? '';
    const text = values[i] ?? '';
    out.set(keys[i] as string, raw !== '' ? untag(JSON.parse(raw) as Tagged) : fromText(types[i] ?? 0, text));
  }
  return out;
}

function fromText(type: number, text: string): AnyValue {
  switch (type) {
    case ValueType.STRING:
      return text;
    case ValueType.BOOL:
      return text === 'true';
    case ValueType.INT:
      return BigInt(text);
    case ValueType.DOUBLE:
      return Number(text);
    case ValueType.BYTES:
      return new Uint8Array(Buffer.from(text, 'base64'));
    default:
      return null;
  }
}
