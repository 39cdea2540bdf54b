// The Jaeger span model both wire formats are read into before translation (Thrift `jaeger.thrift` and protobuf
// `model.proto` differ only in encoding: ids as i64 pairs or bytes, times in microseconds or Timestamp/Duration).
// Ids are already fixed-width lower-case hex and times Unix nanoseconds, so the translator works on one shape.

/** A tag or log field; each Jaeger value type keeps its own JavaScript type. */
export type JaegerTagValue = string | boolean | bigint | number | Uint8Array;

export interface JaegerTag {
  key: string;
  value: JaegerTagValue;
}

export type JaegerRefType = 'CHILD_OF' | 'FOLLOWS_FROM';

export interface JaegerSpanRef {
  refType: JaegerRefType;
  /** 32 hex digits (a 64-bit id is left-padded with zeros). */
  traceId: string;
  /** 16 hex digits. */
  spanId: string;
}

export interface JaegerLog {
  timeUnixNano: bigint;
  fields: JaegerTag[];
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerTag[];
}

export interface JaegerSpan {
  /** 32 hex digits (traceIdHigh 0 gives a 64-bit id left-padded to 128 bits). */
  traceId: string;
  spanId: string;
  /** Thrift's `parentSpanId` as 16 hex digits, '' when 0 or absent (protobuf has references only). */
  parentSpanId: string;
  operationName: string;
  references: JaegerSpanRef[];
  /** Jaeger flags: 1 sampled, 2 debug. */
  flags: number;
  startTimeUnixNano: bigint;
  durationNanos: bigint;
  tags: JaegerTag[];
  logs: JaegerLog[];
  /** A span's own process (protobuf only); it takes precedence over the batch's. */
  process?: JaegerProcess;
}

export interface JaegerBatch {
  process?: JaegerProcess;
  spans: JaegerSpan[];
}
