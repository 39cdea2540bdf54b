import type { SpanKind, TraceBatch } from '../model/span.js';

// The trace store (docs/architecture.md, "The store"). SQLite is the embedded default; any other implementation must
// pass the same conformance suite (test/store/conformance/). Times are Unix nanoseconds as bigint throughout.

/** How one attribute filter matches: the key exists; its value as text equals `value`; or matches regex `value`. */
export type AttributeFilterOp = 'exists' | 'equals' | 'regex';

export interface AttributeFilter {
  key: string;
  op: AttributeFilterOp;
  /** Text to compare (values are compared as text: `200`, `true`, `GET`); required for equals and regex. */
  value?: string;
}

/**
 * A trace search. A trace matches when ONE of its spans satisfies every span-level condition (service, operation,
 * kind, attributes - span or resource -, min/max duration of that span), as in Jaeger, and the trace's start lies in
 * [startTimeMin, startTimeMax]. Results are newest first (by trace start, then trace id) and paged with an opaque
 * cursor.
 */
export interface TraceQuery {
  service?: string;
  operation?: string;
  spanKind?: SpanKind;
  attributes?: AttributeFilter[];
  minDurationNanos?: bigint;
  maxDurationNanos?: bigint;
  startTimeMin?: bigint;
  startTimeMax?: bigint;
  /** Traces per page, 1..1000 (default 20). */
  limit?: number;
  cursor?: string;
}

/** Per-service counts inside one trace. */
export interface TraceServiceSummary {
  service: string;
  spanCount: number;
  errorCount: number;
}

/** Kept current as late spans arrive (a late root span changes root service/operation and start). */
export interface TraceSummary {
  traceId: string;
  /** Service and span name of the root span (no parent), else of the earliest span. */
  rootService: string;
  rootOperation: string;
  startTimeUnixNano: bigint;
  /** Last end minus first start over all spans. */
  durationNanos: bigint;
  spanCount: number;
  /** Spans with status ERROR. */
  errorCount: number;
  services: TraceServiceSummary[];
}

export interface TraceSearchResult {
  traces: TraceSummary[];
  /** Present when more results follow. */
  nextCursor?: string;
}

export interface Operation {
  name: string;
  spanKind: SpanKind;
}

/**
 * A call edge caller -> callee aggregated over a time window, built at ingest by pairing CLIENT with SERVER (and
 * PRODUCER with CONSUMER) spans; a CLIENT/PRODUCER span with no partner names a virtual callee from `peer.service`,
 * `server.address`, `db.system` or the messaging destination (`virtual: true`).
 */
export interface DependencyEdge {
  parent: string;
  child: string;
  callCount: number;
  /** Calls answered 4xx (other than 429) or with ERROR status and no HTTP code. */
  errorCount: number;
  /** Calls answered 5xx. */
  faultCount: number;
  /** Calls answered 429. */
  throttleCount: number;
  /** Latency percentiles from the per-minute histograms, nanoseconds. */
  p50Nanos: bigint;
  p99Nanos: bigint;
  /** The callee sends no spans of its own (uninstrumented peer, database, queue). */
  virtual: boolean;
}

/** A latency with how many calls took it (a histogram bucket's middle, kept within the calls' min and max). */
export interface LatencyCount {
  nanos: bigint;
  count: number;
}

/**
 * An edge of the service map (getServiceMap). Beside what a DependencyEdge says: a call to AWS goes to the resource
 * it reached (`child` is the table, bucket, queue, topic or function, `childType` its AWS type such as
 * `AWS::DynamoDB::Table`, or `AWS::<service>` without one), calls into a service from a client that sends no spans
 * (the parentless spans that start its traces) have no `parent`, and the calls' latencies come as a histogram.
 */
export interface ServiceMapEdge {
  /** The calling service; undefined for entry calls (from a client that sends no spans). */
  parent: string | undefined;
  child: string;
  /** The AWS type of a callee that is an AWS resource or service; absent for services and other peers. */
  childType?: string;
  callCount: number;
  /** As DependencyEdge: 4xx other than 429, or ERROR status and no HTTP code. */
  errorCount: number;
  faultCount: number;
  throttleCount: number;
  /** The callee sends no spans of its own. */
  virtual: boolean;
  /** Ascending by latency; from the per-minute histograms (docs/architecture.md, "The store"). */
  latencies: LatencyCount[];
}

/** The service map of a window, as X-Ray's GetServiceGraph draws it. */
export interface ServiceMap {
  /** Every service with a span that started in the window, sorted (those that call nothing and nothing calls too). */
  services: string[];
  /** Edges whose calls started in the window, sorted by parent (entry calls first), then child. */
  edges: ServiceMapEdge[];
}

export interface StoreWriter {
  /**
   * Durable when it resolves. Reads the batch before it returns (the promise only tells the outcome) and keeps no
   * reference to it or to its arrays, so the caller may let it go, or empty it in place (releaseSpans), at once.
   */
  write(batch: TraceBatch): Promise<void>;
}

export interface StoreReader {
  /** Every stored span of a trace grouped by resource and scope, or undefined for an unknown id. */
  getTrace(traceId: string): Promise<TraceBatch | undefined>;
  getTraceSummary(traceId: string): Promise<TraceSummary | undefined>;
  findTraces(query: TraceQuery): Promise<TraceSearchResult>;
  /** Service names seen, sorted. */
  getServices(): Promise<string[]>;
  /** Span names of a service (all services when undefined), sorted by name then kind. */
  getOperations(service?: string): Promise<Operation[]>;
  /** Distinct services a service calls (for Zipkin `/remoteServices`), sorted. */
  getRemoteServices(service: string): Promise<string[]>;
  /** Edges whose calls started in [startNanos, endNanos). */
  getDependencies(startNanos: bigint, endNanos: bigint): Promise<DependencyEdge[]>;
  /** The services and edges of [startNanos, endNanos) with entry calls, AWS resources and latency histograms. */
  getServiceMap(startNanos: bigint, endNanos: bigint): Promise<ServiceMap>;
  /** Attribute keys seen (for autocomplete), sorted. */
  getAttributeKeys(): Promise<string[]>;
  /** Distinct values seen for a key, sorted, at most `limit`. */
  getAttributeValues(key: string, limit?: number): Promise<string[]>;
}

export interface TraceStore extends StoreWriter, StoreReader {
  /** Deletes what started before `cutoffNanos` (retention); returns spans removed. */
  deleteBefore(cutoffNanos: bigint): Promise<number>;
  close(): Promise<void>;
}

