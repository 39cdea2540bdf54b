// Readers for OTLP/JSON field values (the OTLP specification, "JSON Protobuf Encoding", which follows the proto3 JSON
// mapping with two exceptions: trace and span ids are hex, not base64, and enums are integers). Per the proto3 JSON
// mapping, 64-bit integers may come as decimal strings or numbers, doubles also as "NaN"/"Infinity"/"-Infinity",
// enums also by name, and `null` means "absent". Each reader throws a FieldProblem naming the field.
import { FieldProblem } from './fieldProblem.js';

export type JsonObject = Record<string, unknown>;

const MAX_U64 = (1n << 64n) - 1n;
const MIN_I64 = -(1n << 63n);
const MAX_I64 = (1n << 63n) - 1n;
const UNSIGNED = /^\d+$/;
const SIGNED = /^-?\d+$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** A short description of a JSON value for error messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `"${v.slice(0, 40)}..." (${v.length} characters)` : JSON.stringify(v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** `o[camel]`, else `o[snake]` (receivers accept snake_case keys leniently). */
export function field(o: JsonObject, camel: string, snake: string): unknown {
  const v = o[camel];
  return v === undefined || v === null ? o[snake] : v;
}

export function jsonObject(v: unknown, name: string): JsonObject | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new FieldProblem(name, `expected an object, got ${describeValue(v)}`);
  return v as JsonObject;
}

export function jsonList(v: unknown, name: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new FieldProblem(name, `expected an array, got ${describeValue(v)}`);
  return v;
}

export function jsonString(v: unknown, name: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new FieldProblem(name, `expected a string, got ${describeValue(v)}`);
  return v;
}

export function jsonBool(v: unknown, name: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new FieldProblem(name, `expected true or false, got ${describeValue(v)}`);
  return v;
}

export function jsonUint32(v: unknown, name: string): number {
  if (v === undefined || v === null) return 0;
  const n = typeof v === 'string' && UNSIGNED.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new FieldProblem(name, `expected an unsigned 32-bit integer, got ${describeValue(v)}`);
  return n;
}

/** fixed64 nanoseconds: a decimal string (exact) or a number (exact only up to 2^53, as JSON numbers are doubles). */
export function jsonUint64(v: unknown, name: string): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'string' && UNSIGNED.test(v)) {
    const n = BigInt(v);
    if (n <= MAX_U64) return n;
  } else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 64) {
    return v === 2 ** 64 ? MAX_U64 : BigInt(v);
  }
  throw new FieldProblem(name, `expected an unsigned 64-bit integer as a decimal string, got ${describeValue(v)}`);
}

export function jsonInt64(v: unknown, name: string): bigint {
  if (typeof v === 'string' && SIGNED.test(v)) {
    const n = BigInt(v);
    if (n >= MIN_I64 && n <= MAX_I64) return n;
  } else if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 63) {
    return v === 2 ** 63 ? MAX_I64 : BigInt(v);
  }
  throw new FieldProblem(name, `expected a signed 64-bit integer as a decimal string, got ${describeValue(v)}`);
}

export function jsonDouble(v: unknown, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = v.trim() === '' ? NaN : Number(v);
    if (!Number.isNaN(n)) return n;
  }
  throw new FieldProblem(name, `expected a number, got ${describeValue(v)}`);
}

/** Standard or URL-safe base64, with or without padding (proto3 JSON mapping for bytes). */
export function jsonBytes(v: unknown, name: string): Uint8Array {
  if (typeof v !== 'string' || !BASE64.test(v) || v.length % 4 === 1) throw new FieldProblem(name, `expected base64, got ${describeValue(v)}`);
  const b = Buffer.from(v, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** An enum as its number or (leniently) its name, e.g. 2 or "SPAN_KIND_SERVER". */
export function jsonEnum(v: unknown, name: string, names: readonly string[]): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < names.length) return v;
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i >= 0) return i;
  }
  throw new FieldProblem(name, `expected one of 0 to ${names.length - 1} (${names.join(', ')}), got ${describeValue(v)}`);
}

/** A trace id (32 digits) or span id (16 digits) in hex, either case; returned in lower case. */
export function jsonHexId(v: unknown, name: string, digits: number): string {
  if (typeof v === 'string' && v.length === digits) {
    if (/^[0-9a-f]*$/.test(v)) return v;
    if (/^[0-9a-fA-F]*$/.test(v)) return v.toLowerCase();
  }
  throw new FieldProblem(name, `expected ${digits} hex digits, got ${describeValue(v)}`);
}
