// A Jaeger api_v2 `PostSpansRequest` (gRPC CollectorService/PostSpans) into the shared Jaeger span model: ids are
// bytes (16 for a trace, 8 for a span), times google.protobuf Timestamp and Duration, and a span may carry its own
// process. Field names are protobufjs's camelCase of model.proto.
import { PipelineError } from '../../errors.js';
import { bytesToHex } from '../../model/ids.js';
import { i64FromPb } from '../otlp/longBits.js';
import type { PbLong } from '../otlp/protoShapes.js';
import { PostSpansRequestType } from './jaegerProto.js';
import type { JaegerBatch, JaegerLog, JaegerProcess, JaegerSpan, JaegerSpanRef, JaegerTag, JaegerTagValue } from './jaegerSpan.js';

interface PbKeyValue {
  key?: string;
  vType?: number;
  vStr?: string;
  vBool?: boolean;
  vInt64?: PbLong | number;
  vFloat64?: number;
  vBinary?: Uint8Array;
}
interface PbTime {
  seconds?: PbLong | number;
  nanos?: number;
}
interface PbProcess {
  serviceName?: string;
  tags?: PbKeyValue[];
}
interface PbSpanRef {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  refType?: number;
}
interface PbSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  operationName?: string;
  references?: PbSpanRef[];
  flags?: number;
  startTime?: PbTime | null;
  duration?: PbTime | null;
  tags?: PbKeyValue[];
  logs?: Array<{ timestamp?: PbTime | null; fields?: PbKeyValue[] }>;
  process?: PbProcess | null;
}
interface PbPostSpansRequest {
  batch?: { spans?: PbSpan[]; process?: PbProcess | null } | null;
}

/** model.proto `enum ValueType { STRING, BOOL, INT64, FLOAT64, BINARY }`. */
const V_STRING = 0;
const V_BOOL = 1;
const V_INT64 = 2;
const V_FLOAT64 = 3;
const V_BINARY = 4;
const FOLLOWS_FROM = 1;
const EMPTY = new Uint8Array(0);

function tagValue(kv: PbKeyValue): JaegerTagValue {
  const type = kv.vType ?? V_STRING;
  switch (type) {
    case V_STRING:
      return kv.vStr ?? '';
    case V_BOOL:
      return kv.vBool === true;
    case V_INT64:
      return i64FromPb(kv.vInt64);
    case V_FLOAT64:
      return kv.vFloat64 ?? 0;
    case V_BINARY:
      return Uint8Array.from(kv.vBinary ?? EMPTY);
    default:
      return `<Unknown Jaeger TagType "${type}">`;
  }
}

const tags = (list: PbKeyValue[] | undefined): JaegerTag[] => (list ?? []).map((kv) => ({ key: kv.key ?? '', value: tagValue(kv) }));

// Absent message fields read as null from a decoded protobufjs message.
const nanos = (t: PbTime | null | undefined): bigint => (t === undefined || t === null ? 0n : i64FromPb(t.seconds) * 1_000_000_000n + BigInt(t.nanos ?? 0));

/** A trace id as 32 hex digits; 8 bytes are taken as a 64-bit id and left-padded. Other lengths stay as they are, for the translator to refuse. */
function traceIdHex(bytes: Uint8Array | undefined): string {
  const hex = bytesToHex(bytes ?? EMPTY);
  return hex.length === 16 ? hex.padStart(32, '0') : hex;
}

function process(p: PbProcess | null | undefined): JaegerProcess | undefined {
  return p === undefined || p === null ? undefined : { serviceName: p.serviceName ?? '', tags: tags(p.tags) };
}

function reference(r: PbSpanRef): JaegerSpanRef {
  return { refType: r.refType === FOLLOWS_FROM ? 'FOLLOWS_FROM' : 'CHILD_OF', traceId: traceIdHex(r.traceId), spanId: bytesToHex(r.spanId ?? EMPTY) };
}

function span(s: PbSpan): JaegerSpan {
  const own = process(s.process);
  return {
    traceId: traceIdHex(s.traceId),
    spanId: bytesToHex(s.spanId ?? EMPTY),
    parentSpanId: '',
    operationName: s.operationName ?? '',
    references: (s.references ?? []).map(reference),
    flags: s.flags ?? 0,
    startTimeUnixNano: nanos(s.startTime),
    durationNanos: nanos(s.duration),
    tags: tags(s.tags),
    logs: (s.logs ?? []).map((l): JaegerLog => ({ timeUnixNano: nanos(l.timestamp), fields: tags(l.fields) })),
    ...(own === undefined ? {} : { process: own }),
  };
}

/** Decodes a PostSpansRequest; a body protobuf cannot read throws SB_MALFORMED. */
export function decodeJaegerPostSpans(body: Uint8Array): JaegerBatch {
  let msg: PbPostSpansRequest;
  try {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    msg = PostSpansRequestType.decode(buf) as PbPostSpansRequest;
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `body is not a Jaeger api_v2 PostSpansRequest: ${(e as Error).message}`);
  }
  const batchProcess = process(msg.batch?.process);
  return { ...(batchProcess === undefined ? {} : { process: batchProcess }), spans: (msg.batch?.spans ?? []).map(span) };
}
