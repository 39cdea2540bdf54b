import { anyValueToString } from '../../model/attributes.js';
import type { AnyValue } from '../../model/span.js';
import type { JaegerKeyValue } from './jaegerJson.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * One attribute as a Jaeger tag, as the OTLP -> Jaeger translator does (opentelemetry-collector-contrib
 * pkg/translator/jaeger/traces_to_jaegerproto.go, attributeToJaegerProtoTag) and Jaeger's JSON renders it
 * (model/converter/json/from_domain.go): string, bool, int64 (a string beyond 2^53), float64, bytes as base64
 * binary, arrays and maps as their JSON text in a string tag, the empty value as "". Non-finite doubles, which Go's
 * JSON cannot write, are their text ("NaN", "Infinity").
 */
export function attributeToKeyValue(key: string, v: AnyValue): JaegerKeyValue {
  switch (typeof v) {
    case 'string':
      return { key, type: 'string', value: v };
    case 'boolean':
      return { key, type: 'bool', value: v };
    case 'bigint':
      return { key, type: 'int64', value: v > MAX_SAFE || v < -MAX_SAFE ? v.toString() : Number(v) };
    case 'number':
      return { key, type: 'float64', value: Number.isFinite(v) ? v : String(v) };
  }
  if (v instanceof Uint8Array) return { key, type: 'binary', value: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  return { key, type: 'string', value: v === null ? '' : anyValueToString(v) };
}
