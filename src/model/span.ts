// The internal trace model (docs/architecture.md, "The internal model"). It mirrors OTLP's ResourceSpans -> ScopeSpans
// -> Span shape so that OTLP round trips are lossless; Zipkin- and X-Ray-only facts travel as attributes (see
// attributeNames.ts).
//
// Ownership: a TraceBatch handed to `Consumer.consume` belongs to the callee from then on. The caller must neither
// read nor change it afterwards. A component that hands one batch to several consumers (a fan-out) gives each of them
// its own copy (cloneBatch), except the last, which gets the original.

/**
 * An attribute value. Each OTLP AnyValue case has its own JavaScript type so no case is lost:
 * string, boolean, double = `number`, int64 = `bigint`, bytes = `Uint8Array`, array = `AnyValue[]`,
 * kvlist = `Attributes`, and the empty AnyValue = `null`.
 */
export type AnyValue = string | boolean | number | bigint | Uint8Array | AnyValue[] | Attributes | null;

/** Key/value pairs with unique keys in insertion order (OTLP requires unique keys). */
export type Attributes = Map<string, AnyValue>;

export const SpanKind = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

export interface SpanStatus {
  code: StatusCode;
  message: string;
}

export interface SpanEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLink {
  /** 32 lower-case hex digits. */
  traceId: string;
  /** 16 lower-case hex digits. */
  spanId: string;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface Span {
  /** 16-byte id as 32 lower-case hex digits. */
  traceId: string;
  /** 8-byte id as 16 lower-case hex digits. */
  spanId: string;
  /** 16 lower-case hex digits, or '' for a root span. */
  parentSpanId: string;
  traceState: string;
  /** W3C trace flags in the low 8 bits; OTLP's remote-parent bits above them. */
  flags: number;
  name: string;
  kind: SpanKind;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  status: SpanStatus;
}

export interface Resource {
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface ScopeSpans {
  scope: InstrumentationScope;
  schemaUrl: string;
  spans: Span[];
}

export interface ResourceSpans {
  resource: Resource;
  schemaUrl: string;
  scopeSpans: ScopeSpans[];
}

export interface TraceBatch {
  resourceSpans: ResourceSpans[];
  /**
   * The tenant the batch was received for, set by receivers when tenancy is on (docs/security.md, "Tenants"); every
   * stage keeps it with the spans, and the store exporter writes to that tenant's store.
   */
  tenant?: string;
}
