import type { Infer, Schema } from './schema.js';
import { SchemaError, array, bool, decimal, hex, int, lazy, object, str, withDefault } from './schema.js';

// OTLP/JSON as `GET /api/v1/traces/{id}` sends it (docs/api-native.md; OTLP specification, "JSON Protobuf
// Encoding"): hex ids, lowerCamelCase keys, enums as integers, 64-bit integers as decimal strings (numbers accepted),
// bytes as base64, and fields holding their default value left out.

export type AnyValueWire =
  | { readonly case: 'string'; readonly value: string }
  | { readonly case: 'bool'; readonly value: boolean }
  | { readonly case: 'int'; readonly value: bigint }
  | { readonly case: 'double'; readonly value: number }
  | { readonly case: 'bytes'; readonly value: string }
  | { readonly case: 'array'; readonly value: readonly AnyValueWire[] }
  | { readonly case: 'kvlist'; readonly value: readonly KeyValueWire[] }
  | { readonly case: 'empty' };

export interface KeyValueWire {
  readonly key: string;
  readonly value: AnyValueWire;
}

/** proto3 JSON writes non-finite doubles as these strings. */
const SPECIAL_DOUBLES: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

const double: Schema<number> = (v, path) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v in SPECIAL_DOUBLES) return SPECIAL_DOUBLES[v];
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new SchemaError(path, 'expected a number');
};

const keyValue: Schema<KeyValueWire> = lazy(() => object({ key: str, value: anyValue }));
const valueList = object({ values: withDefault(array(lazy(() => anyValue)), []) });
const kvList = object({ values: withDefault(array(keyValue), []) });

export const anyValue: Schema<AnyValueWire> = (v, path) => {
  if (v === undefined || v === null) return { case: 'empty' };
  if (typeof v !== 'object' || Array.isArray(v)) throw new SchemaError(path, 'expected an AnyValue object');
  const o = v as Record<string, unknown>;
  if (o.stringValue !== undefined) return { case: 'string', value: str(o.stringValue, `${path}.stringValue`) };
  if (o.boolValue !== undefined) return { case: 'bool', value: bool(o.boolValue, `${path}.boolValue`) };
  if (o.intValue !== undefined) return { case: 'int', value: decimal(o.intValue, `${path}.intValue`) };
  if (o.doubleValue !== undefined) return { case: 'double', value: double(o.doubleValue, `${path}.doubleValue`) };
  if (o.bytesValue !== undefined) return { case: 'bytes', value: str(o.bytesValue, `${path}.bytesValue`) };
  if (o.arrayValue !== undefined) return { case: 'array', value: valueList(o.arrayValue, `${path}.arrayValue`).values };
  if (o.kvlistValue !== undefined) return { case: 'kvlist', value: kvList(o.kvlistValue, `${path}.kvlistValue`).values };
  return { case: 'empty' };
};

/** An OTLP enum: its number, or its proto name (`SPAN_KIND_SERVER`) as some encoders write it. */
function protoEnum(prefix: string, names: readonly string[]): Schema<number> {
  return (v, path) => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < names.length) return v;
    if (typeof v === 'string') {
      const i = names.indexOf(v.startsWith(prefix) ? v.slice(prefix.length) : v);
      if (i !== -1) return i;
    }
    throw new SchemaError(path, `expected ${prefix}* as 0..${names.length - 1}`);
  };
}

export const SPAN_KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export const STATUS_NAMES = ['UNSET', 'OK', 'ERROR'] as const;

/** '' (root) or a span id. */
const parentSpanId: Schema<string> = (v, path) => (v === undefined || v === null || v === '' ? '' : hex(16)(v, path));

const attributes = withDefault(array(keyValue), []);

const spanWire = object({
  traceId: hex(32),
  spanId: hex(16),
  parentSpanId,
  traceState: withDefault(str, ''),
  flags: withDefault(int, 0),
  name: withDefault(str, ''),
  kind: withDefault(protoEnum('SPAN_KIND_', SPAN_KIND_NAMES), 0),
  startTimeUnixNano: withDefault(decimal, 0n),
  endTimeUnixNano: withDefault(decimal, 0n),
  attributes,
  events: withDefault(array(object({ timeUnixNano: withDefault(decimal, 0n), name: withDefault(str, ''), attributes })), []),
  links: withDefault(
    array(object({ traceId: hex(32), spanId: hex(16), traceState: withDefault(str, ''), attributes })),
    [],
  ),
  status: withDefault(
    object({ code: withDefault(protoEnum('STATUS_CODE_', STATUS_NAMES), 0), message: withDefault(str, '') }),
    { code: 0, message: '' },
  ),
});
export type SpanWire = Infer<typeof spanWire>;

export const otlpTraceResponse = object({
  resourceSpans: withDefault(
    array(
      object({
        resource: withDefault(object({ attributes }), { attributes: [] }),
        schemaUrl: withDefault(str, ''),
        scopeSpans: withDefault(
          array(
            object({
              scope: withDefault(object({ name: withDefault(str, ''), version: withDefault(str, '') }), { name: '', version: '' }),
              schemaUrl: withDefault(str, ''),
              spans: withDefault(array(spanWire), []),
            }),
          ),
          [],
        ),
      }),
    ),
    [],
  ),
});
export type OtlpTraceWire = Infer<typeof otlpTraceResponse>;
