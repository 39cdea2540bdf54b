// The shapes protobufjs gives and takes for the OTLP messages (camelCase field names, proto3 defaults on the
// prototype). 64-bit integers arrive as `long` objects; the encoder accepts any `{ low, high }` pair.

/** A 64-bit integer as two 32-bit halves (what protobufjs's `long` support reads and writes). */
export interface PbLong {
  low: number;
  high: number;
}

export type PbAnyValueCase = 'stringValue' | 'boolValue' | 'intValue' | 'doubleValue' | 'arrayValue' | 'kvlistValue' | 'bytesValue';

export interface PbAnyValue {
  /** The set member of the `value` oneof (a protobufjs virtual getter on decoded messages). */
  readonly value?: PbAnyValueCase;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: PbLong | number;
  doubleValue?: number;
  arrayValue?: { values: PbAnyValue[] } | null;
  kvlistValue?: { values: PbKeyValue[] } | null;
  bytesValue?: Uint8Array;
}

export interface PbKeyValue {
  key: string;
  value?: PbAnyValue | null;
}

export interface PbEvent {
  timeUnixNano?: PbLong | number;
  name?: string;
  attributes?: PbKeyValue[];
  droppedAttributesCount?: number;
}

export interface PbLink {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  attributes?: PbKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
}

export interface PbSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  parentSpanId?: Uint8Array;
  flags?: number;
  name?: string;
  kind?: number;
  startTimeUnixNano?: PbLong | number;
  endTimeUnixNano?: PbLong | number;
  attributes?: PbKeyValue[];
  droppedAttributesCount?: number;
  events?: PbEvent[];
  droppedEventsCount?: number;
  links?: PbLink[];
  droppedLinksCount?: number;
  status?: { code?: number; message?: string } | null;
}

export interface PbScopeSpans {
  scope?: { name?: string; version?: string; attributes?: PbKeyValue[]; droppedAttributesCount?: number } | null;
  spans?: PbSpan[];
  schemaUrl?: string;
}

export interface PbResourceSpans {
  resource?: { attributes?: PbKeyValue[]; droppedAttributesCount?: number } | null;
  scopeSpans?: PbScopeSpans[];
  schemaUrl?: string;
}

export interface PbExportTraceServiceRequest {
  resourceSpans?: PbResourceSpans[];
}
