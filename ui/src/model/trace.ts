import type { Nanos, UnixNanos } from './time.js';

// The read-only trace model the pages work on, as in Jaeger UI. Wire names and encodings are translated
// once at the client edge (src/api/); nothing below knows OTLP/JSON.

export type SpanKindName = 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
export type StatusName = 'UNSET' | 'OK' | 'ERROR';

/** How a value was typed on the wire (OTLP AnyValue cases); `text` is its display form. */
export type AttributeType = 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'array' | 'kvlist' | 'empty';

export interface Attribute {
  readonly key: string;
  readonly type: AttributeType;
  readonly text: string;
}

export interface ResourceInfo {
  /** `service.name`, or `unknown_service` when absent (as the OpenTelemetry SDKs name it). */
  readonly service: string;
  readonly attributes: readonly Attribute[];
  readonly schemaUrl: string;
}

export interface ScopeInfo {
  readonly name: string;
  readonly version: string;
}

export interface SpanEventInfo {
  readonly time: UnixNanos;
  readonly name: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanLinkInfo {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
}

/** One span as it came from the API, before the tree is built. */
export interface SpanRecord {
  readonly traceId: string;
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly start: UnixNanos;
  readonly end: UnixNanos;
  readonly status: { readonly code: StatusName; readonly message: string };
  readonly attributes: readonly Attribute[];
  readonly events: readonly SpanEventInfo[];
  readonly links: readonly SpanLinkInfo[];
  readonly traceState: string;
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  /** Attribute `spanbridge.span.origin` = `proxy`: a sidecar (Envoy/Istio, FSM) span, marked by the istio processor. */
  readonly isProxy: boolean;
}

/** A span placed in its trace's tree. `index` is its position in `Trace.spans` (depth-first, children by start). */
export interface TraceSpan extends SpanRecord {
  readonly index: number;
  readonly service: string;
  /** From the trace's start. */
  readonly offset: Nanos;
  readonly duration: Nanos;
  readonly depth: number;
  /** -1 for a root (or a span whose parent is missing from the trace). */
  readonly parentIndex: number;
  readonly childIndexes: readonly number[];
  /** One past the index of its last descendant: its subtree is `spans.slice(index, subtreeEnd)`. */
  readonly subtreeEnd: number;
  readonly isError: boolean;
}

export interface Trace {
  readonly traceId: string;
  /** The earliest span start. */
  readonly start: UnixNanos;
  /** Latest end minus earliest start. */
  readonly duration: Nanos;
  readonly spans: readonly TraceSpan[];
  /** Indexes of the spans with no parent in the trace, by start. */
  readonly rootIndexes: readonly number[];
  /** Distinct service names, sorted. */
  readonly services: readonly string[];
  readonly errorCount: number;
  readonly spanIndexById: ReadonlyMap<string, number>;
}
