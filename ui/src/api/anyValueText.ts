import type { Attribute } from '../model/trace.js';
import type { AnyValueWire, KeyValueWire } from './otlpJsonSchemas.js';

/**
 * An AnyValue as display text: strings as they are, numbers and booleans as JSON writes them, int64 exactly,
 * bytes as base64 (as sent), arrays and key/value lists as JSON (the OpenTelemetry Collector's `AsString` rule).
 */
export function anyValueText(v: AnyValueWire): string {
  switch (v.case) {
    case 'string':
    case 'bytes':
      return v.value;
    case 'empty':
      return '';
    case 'array':
    case 'kvlist':
      return JSON.stringify(anyValueJson(v));
    default:
      return String(v.value);
  }
}

function anyValueJson(v: AnyValueWire): unknown {
  switch (v.case) {
    case 'empty':
      return null;
    case 'int':
      return v.value >= BigInt(Number.MIN_SAFE_INTEGER) && v.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v.value) : v.value.toString();
    case 'double':
      return Number.isFinite(v.value) ? v.value : String(v.value);
    case 'array':
      return v.value.map(anyValueJson);
    case 'kvlist':
      return Object.fromEntries(v.value.map((kv) => [kv.key, anyValueJson(kv.value)]));
    default:
      return v.value;
  }
}

export function toAttributes(list: readonly KeyValueWire[]): Attribute[] {
  return list.map((kv) => ({ key: kv.key, type: kv.value.case, text: anyValueText(kv.value) }));
}
