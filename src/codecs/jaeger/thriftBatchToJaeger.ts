// A decoded Thrift `jaeger.Batch` (field names and enum numbers from jaeger.thrift) into the shared Jaeger span
// model: i64 ids become hex (traceIdHigh + traceIdLow, so traceIdHigh 0 is a 64-bit id left-padded to 128 bits),
// microseconds become nanoseconds. Optional fields read as their zero values, as the Go generated getters do.
import type { JaegerBatch, JaegerLog, JaegerProcess, JaegerSpan, JaegerSpanRef, JaegerTag, JaegerTagValue } from './jaegerSpan.js';
import type { ThriftRecord, ThriftValue } from './readThriftStruct.js';

/** jaeger.thrift `enum TagType { STRING, DOUBLE, BOOL, LONG, BINARY }`. */
const TAG_STRING = 0;
const TAG_DOUBLE = 1;
const TAG_BOOL = 2;
const TAG_LONG = 3;
const TAG_BINARY = 4;
/** jaeger.thrift `enum SpanRefType { CHILD_OF, FOLLOWS_FROM }`. */
const REF_FOLLOWS_FROM = 1;

const MICROS = 1000n;

/** An i64 as 16 lower-case hex digits of its unsigned 64-bit pattern. */
export function i64ToHex(v: bigint): string {
  return BigInt.asUintN(64, v).toString(16).padStart(16, '0');
}

const str = (v: ThriftValue | undefined): string => (typeof v === 'string' ? v : '');
const num = (v: ThriftValue | undefined): number => (typeof v === 'number' ? v : 0);
const i64 = (v: ThriftValue | undefined): bigint => (typeof v === 'bigint' ? v : 0n);
const records = (v: ThriftValue | undefined): ThriftRecord[] => (Array.isArray(v) ? (v as ThriftRecord[]) : []);

function tagValue(t: ThriftRecord): JaegerTagValue {
  const type = num(t.vType);
  switch (type) {
    case TAG_STRING:
      return str(t.vStr);
    case TAG_DOUBLE:
      return num(t.vDouble);
    case TAG_BOOL:
      return t.vBool === true;
    case TAG_LONG:
      return i64(t.vLong);
    case TAG_BINARY:
      return t.vBinary instanceof Uint8Array ? t.vBinary : new Uint8Array(0);
    default:
      // What the Collector's translator writes for a type it does not know.
      return `<Unknown Jaeger TagType "${type}">`;
  }
}

function tags(v: ThriftValue | undefined): JaegerTag[] {
  return records(v).map((t) => ({ key: str(t.key), value: tagValue(t) }));
}

function reference(r: ThriftRecord): JaegerSpanRef {
  return { refType: num(r.refType) === REF_FOLLOWS_FROM ? 'FOLLOWS_FROM' : 'CHILD_OF', traceId: i64ToHex(i64(r.traceIdHigh)) + i64ToHex(i64(r.traceIdLow)), spanId: i64ToHex(i64(r.spanId)) };
}

function log(l: ThriftRecord): JaegerLog {
  return { timeUnixNano: i64(l.timestamp) * MICROS, fields: tags(l.fields) };
}

function span(s: ThriftRecord): JaegerSpan {
  const parent = i64(s.parentSpanId);
  return {
    traceId: i64ToHex(i64(s.traceIdHigh)) + i64ToHex(i64(s.traceIdLow)),
    spanId: i64ToHex(i64(s.spanId)),
    parentSpanId: parent === 0n ? '' : i64ToHex(parent),
    operationName: str(s.operationName),
    references: records(s.references).map(reference),
    flags: num(s.flags),
    startTimeUnixNano: i64(s.startTime) * MICROS,
    durationNanos: i64(s.duration) * MICROS,
    tags: tags(s.tags),
    logs: records(s.logs).map(log),
  };
}

export function thriftBatchToJaeger(batch: ThriftRecord): JaegerBatch {
  const p = batch.process;
  const process: JaegerProcess | undefined = p !== undefined && typeof p === 'object' && !Array.isArray(p) && !(p instanceof Uint8Array) && !(p instanceof Map) ? { serviceName: str(p.serviceName), tags: tags(p.tags) } : undefined;
  return { ...(process === undefined ? {} : { process }), spans: records(batch.spans).map(span) };
}
