import type { Nanos, UnixNanos } from './time.js';

export interface TraceServiceCount {
  readonly service: string;
  readonly spanCount: number;
  readonly errorCount: number;
}

/** One search result (the API's TraceSummary, docs/api-native.md). */
export interface TraceSummary {
  readonly traceId: string;
  readonly rootService: string;
  readonly rootOperation: string;
  readonly start: UnixNanos;
  readonly duration: Nanos;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly services: readonly TraceServiceCount[];
}

export interface TraceSearchPage {
  readonly traces: readonly TraceSummary[];
  /** Present when more results follow. */
  readonly nextCursor: string | undefined;
}

export interface OperationInfo {
  readonly name: string;
  readonly spanKind: string;
}
