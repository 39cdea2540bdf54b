// OTLP/JSON ExportTraceServiceRequest -> TraceBatch (the OTLP specification, "JSON Protobuf Encoding"): lowerCamelCase
// keys (snake_case accepted too), hex ids, integer (or named) enums, 64-bit integers as decimal strings or numbers,
// bytes as base64. Unknown keys are ignored, as the proto3 JSON mapping allows, so newer senders keep working.
import { PipelineError } from '../../errors.js';
import type { AnyValue, Attributes, ResourceSpans, ScopeSpans, Span, SpanEvent, SpanKind, SpanLink, StatusCode, TraceBatch } from '../../model/span.js';
import { repairLoneSurrogates } from '../../model/wellFormedStrings.js';
import { FieldProblem, asMalformed, nonZeroId, under } from './fieldProblem.js';
import {
  type JsonObject,
  describeValue,
  field,
  jsonBool,
  jsonBytes,
  jsonDouble,
  jsonEnum,
  jsonHexId,
  jsonInt64,
  jsonList,
  jsonObject,
  jsonString,
  jsonUint32,
  jsonUint64,
} from './jsonFields.js';

const SPAN_KINDS = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;
/** Array and kvlist values nest at most this deep, well inside what the protobuf encoding of the same data allows. */
export const MAX_VALUE_DEPTH = 32;

/**
 * Decodes an OTLP/JSON trace export body; malformed input throws PipelineError SB_MALFORMED naming the field. Lone
 * surrogates (`"\ud800"`) in strings are replaced by U+FFFD (model/wellFormedStrings.ts).
 */
export function decodeOtlpJson(body: Buffer | string): TraceBatch {
  let root: unknown;
  try {
    root = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `body is not valid JSON: ${(e as Error).message}`);
  }
  try {
    if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new FieldProblem('(body)', `expected an ExportTraceServiceRequest object, got ${describeValue(root)}`);
    const batch = batchFromJson(root as JsonObject);
    repairLoneSurrogates(batch);
    return batch;
  } catch (e) {
    throw asMalformed(e, 'ExportTraceServiceRequest');
  }
}

function each<T>(v: unknown, name: string, convert: (item: JsonObject) => T): T[] {
  const list = jsonList(v, name);
  const out = new Array<T>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const item = list[i];
      if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new FieldProblem('', `expected an object, got ${describeValue(item)}`);
      out[i] = convert(item as JsonObject);
    } catch (e) {
      throw under(e, `${name}[${i}]`);
    }
  }
  return out;
}

function batchFromJson(o: JsonObject): TraceBatch {
  return { resourceSpans: each(field(o, 'resourceSpans', 'resource_spans'), 'resourceSpans', resourceSpansFromJson) };
}

function resourceSpansFromJson(o: JsonObject): ResourceSpans {
  const r = jsonObject(o.resource, 'resource');
  let resource = { attributes: new Map() as Attributes, droppedAttributesCount: 0 };
  if (r !== undefined) {
    try {
      resource = { attributes: attributesFromJson(r.attributes), droppedAttributesCount: jsonUint32(field(r, 'droppedAttributesCount', 'dropped_attributes_count'), 'droppedAttributesCount') };
    } catch (e) {
      throw under(e, 'resource');
    }
  }
  return {
    resource,
    schemaUrl: jsonString(field(o, 'schemaUrl', 'schema_url'), 'schemaUrl'),
    scopeSpans: each(field(o, 'scopeSpans', 'scope_spans'), 'scopeSpans', scopeSpansFromJson),
  };
}

function scopeSpansFromJson(o: JsonObject): ScopeSpans {
  const s = jsonObject(o.scope, 'scope');
  let scope = { name: '', version: '', attributes: new Map() as Attributes, droppedAttributesCount: 0 };
  if (s !== undefined) {
    try {
      scope = {
        name: jsonString(s.name, 'name'),
        version: jsonString(s.version, 'version'),
        attributes: attributesFromJson(s.attributes),
        droppedAttributesCount: jsonUint32(field(s, 'droppedAttributesCount', 'dropped_attributes_count'), 'droppedAttributesCount'),
      };
    } catch (e) {
      throw under(e, 'scope');
    }
  }
  return { scope, schemaUrl: jsonString(field(o, 'schemaUrl', 'schema_url'), 'schemaUrl'), spans: each(o.spans, 'spans', spanFromJson) };
}

function spanFromJson(o: JsonObject): Span {
  const status = jsonObject(o.status, 'status');
  let code = 0;
  let message = '';
  if (status !== undefined) {
    try {
      code = jsonEnum(status.code, 'code', STATUS_CODES);
      message = jsonString(status.message, 'message');
    } catch (e) {
      throw under(e, 'status');
    }
  }
  const parent = field(o, 'parentSpanId', 'parent_span_id');
  const parentSpanId = parent === undefined || parent === null || parent === '' ? '' : jsonHexId(parent, 'parentSpanId', 16);
  return {
    traceId: nonZeroId(jsonHexId(field(o, 'traceId', 'trace_id'), 'traceId', 32), 'traceId'),
    spanId: nonZeroId(jsonHexId(field(o, 'spanId', 'span_id'), 'spanId', 16), 'spanId'),
    parentSpanId: parentSpanId === '0000000000000000' ? '' : parentSpanId,
    traceState: jsonString(field(o, 'traceState', 'trace_state'), 'traceState'),
    flags: jsonUint32(o.flags, 'flags'),
    name: jsonString(o.name, 'name'),
    kind: jsonEnum(o.kind, 'kind', SPAN_KINDS) as SpanKind,
    startTimeUnixNano: jsonUint64(field(o, 'startTimeUnixNano', 'start_time_unix_nano'), 'startTimeUnixNano'),
    endTimeUnixNano: jsonUint64(field(o, 'endTimeUnixNano', 'end_time_unix_nano'), 'endTimeUnixNano'),
    attributes: attributesFromJson(o.attributes),
    droppedAttributesCount: jsonUint32(field(o, 'droppedAttributesCount', 'dropped_attributes_count'), 'droppedAttributesCount'),
    events: each(o.events, 'events', eventFromJson),
    droppedEventsCount: jsonUint32(field(o, 'droppedEventsCount', 'dropped_events_count'), 'droppedEventsCount'),
    links: each(o.links, 'links', linkFromJson),
    droppedLinksCount: jsonUint32(field(o, 'droppedLinksCount', 'dropped_links_count'), 'droppedLinksCount'),
    status: { code: code as StatusCode, message },
  };
}

function eventFromJson(o: JsonObject): SpanEvent {
  return {
    timeUnixNano: jsonUint64(field(o, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    name: jsonString(o.name, 'name'),
    attributes: attributesFromJson(o.attributes),
    droppedAttributesCount: jsonUint32(field(o, 'droppedAttributesCount', 'dropped_attributes_count'), 'droppedAttributesCount'),
  };
}

function linkFromJson(o: JsonObject): SpanLink {
  return {
    traceId: jsonHexId(field(o, 'traceId', 'trace_id'), 'traceId', 32),
    spanId: jsonHexId(field(o, 'spanId', 'span_id'), 'spanId', 16),
    traceState: jsonString(field(o, 'traceState', 'trace_state'), 'traceState'),
    attributes: attributesFromJson(o.attributes),
    droppedAttributesCount: jsonUint32(field(o, 'droppedAttributesCount', 'dropped_attributes_count'), 'droppedAttributesCount'),
    flags: jsonUint32(o.flags, 'flags'),
  };
}

/** A KeyValue list (`attributes`, or a kvlist's `values`); later duplicates of a key win, as in the Collector. */
function attributesFromJson(v: unknown, name = 'attributes', depth = 0): Attributes {
  const list = jsonList(v, name);
  const out: Attributes = new Map();
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    try {
      if (kv === null || typeof kv !== 'object' || Array.isArray(kv)) throw new FieldProblem('', `expected a KeyValue object, got ${describeValue(kv)}`);
      const key = (kv as JsonObject).key;
      if (typeof key !== 'string') throw new FieldProblem('key', `expected a string, got ${describeValue(key)}`);
      out.set(key, anyValueFromJson((kv as JsonObject).value, depth));
    } catch (e) {
      throw under(e, `${name}[${i}]`);
    }
  }
  return out;
}

function anyValueFromJson(v: unknown, depth: number): AnyValue {
  try {
    return anyValueCase(v, depth);
  } catch (e) {
    throw under(e, 'value');
  }
}

function anyValueCase(v: unknown, depth: number): AnyValue {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new FieldProblem('', `expected an AnyValue object, got ${describeValue(v)}`);
  const o = v as JsonObject;
  let x: unknown;
  if ((x = field(o, 'stringValue', 'string_value')) != null) return jsonString(x, 'stringValue');
  if ((x = field(o, 'intValue', 'int_value')) != null) return jsonInt64(x, 'intValue');
  if ((x = field(o, 'doubleValue', 'double_value')) != null) return jsonDouble(x, 'doubleValue');
  if ((x = field(o, 'boolValue', 'bool_value')) != null) return jsonBool(x, 'boolValue');
  if ((x = field(o, 'bytesValue', 'bytes_value')) != null) return jsonBytes(x, 'bytesValue');
  if ((x = field(o, 'arrayValue', 'array_value')) != null) {
    if (depth >= MAX_VALUE_DEPTH) throw new FieldProblem('arrayValue', `values nest more than ${MAX_VALUE_DEPTH} deep`);
    const values = jsonList(jsonObject(x, 'arrayValue')?.values, 'arrayValue.values');
    const out = new Array<AnyValue>(values.length);
    for (let i = 0; i < values.length; i++) {
      try {
        out[i] = anyValueCase(values[i], depth + 1);
      } catch (e) {
        throw under(e, `arrayValue.values[${i}]`);
      }
    }
    return out;
  }
  if ((x = field(o, 'kvlistValue', 'kvlist_value')) != null) {
    if (depth >= MAX_VALUE_DEPTH) throw new FieldProblem('kvlistValue', `values nest more than ${MAX_VALUE_DEPTH} deep`);
    return attributesFromJson(jsonObject(x, 'kvlistValue')?.values, 'kvlistValue.values', depth + 1);
  }
  return null;
}
