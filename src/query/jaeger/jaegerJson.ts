// The JSON of Jaeger's query service (jaegertracing/jaeger model/json/model.go, rendered by
// model/converter/json/from_domain.go and cmd/query/app/http_handler.go), which Jaeger UI and Grafana's Jaeger data
// source read. Empty lists are written as [] and absent warnings as null, as in Jaeger's ui_01.json fixture.

export type JaegerValueType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export interface JaegerKeyValue {
  key: string;
  type: JaegerValueType;
  /** int64 outside +-(2^53-1) is a decimal string (from_domain.go); binary is base64. */
  value: string | boolean | number;
}

export interface JaegerReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface JaegerLog {
  /** Unix microseconds. */
  timestamp: number;
  fields: JaegerKeyValue[];
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  flags: number;
  operationName: string;
  references: JaegerReference[];
  /** Unix microseconds. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  tags: JaegerKeyValue[];
  logs: JaegerLog[];
  processID: string;
  warnings: string[] | null;
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerKeyValue[];
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

export interface JaegerDependencyLink {
  parent: string;
  child: string;
  callCount: number;
}

export interface JaegerStructuredError {
  code?: number;
  msg: string;
  traceID?: string;
}

/** http_handler.go's structuredResponse: every /api answer has this envelope. */
export interface JaegerResponse<T> {
  data: T;
  total: number;
  limit: number;
  offset: number;
  errors: JaegerStructuredError[] | null;
}

export function jaegerResponse<T>(data: T, total = 0, errors: JaegerStructuredError[] | null = null): JaegerResponse<T> {
  return { data, total, limit: 0, offset: 0, errors };
}
