// Test data in the native API's wire shapes (docs/api-native.md), as JSON: nanoseconds as decimal strings, span
// kinds as OTLP enum numbers, attributes as OTLP AnyValues. Times are milliseconds after a fixed base.

const BASE_MS = 1_700_000_000_000;
const KINDS = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

function nanosText(ms: number): string {
  return String(BigInt(Math.round(ms * 1000)) * 1000n);
}

export function traceId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function spanId(n: number): string {
  return n.toString(16).padStart(16, '0');
}

export interface SummarySpec {
  traceId: string;
  rootService: string;
  rootOperation: string;
  /** After the base time. */
  startMs: number;
  durationMs: number;
  services: readonly { service: string; spanCount: number; errorCount: number }[];
}

/** A `TraceSummary`; span and error counts are the sums over its services. */
export function summaryWire(s: SummarySpec): Record<string, unknown> {
  return {
    traceId: s.traceId,
    rootService: s.rootService,
    rootOperation: s.rootOperation,
    startTimeUnixNano: nanosText(BASE_MS + s.startMs),
    durationNanos: nanosText(s.durationMs),
    spanCount: s.services.reduce((n, x) => n + x.spanCount, 0),
    errorCount: s.services.reduce((n, x) => n + x.errorCount, 0),
    services: s.services,
  };
}

export interface SpanSpec {
  id: string;
  parent?: string;
  service: string;
  name: string;
  kind: keyof typeof KINDS;
  startMs: number;
  endMs: number;
  attributes?: Readonly<Record<string, string | number | boolean>>;
  /** An Envoy sidecar's span, as the istio processor marks it. */
  sidecar?: boolean;
  /** Status ERROR with this message. */
  error?: string;
}

function anyValue(v: string | number | boolean): Record<string, unknown> {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

function keyValues(attrs: Readonly<Record<string, string | number | boolean>>): Record<string, unknown>[] {
  return Object.entries(attrs).map(([key, value]) => ({ key, value: anyValue(value) }));
}

/** `GET /api/v1/traces/{id}`: the trace in OTLP/JSON, one resource per service. */
export function otlpTraceWire(trace: string, spans: readonly SpanSpec[]): Record<string, unknown> {
  const services = [...new Set(spans.map((s) => s.service))];
  return {
    resourceSpans: services.map((service) => ({
      resource: { attributes: keyValues({ 'service.name': service, 'k8s.pod.name': `${service}-v1-5d8f` }) },
      scopeSpans: [
        {
          scope: { name: 'spanbridge-test' },
          spans: spans
            .filter((s) => s.service === service)
            .map((s) => ({
              traceId: trace,
              spanId: s.id,
              ...(s.parent === undefined ? {} : { parentSpanId: s.parent }),
              name: s.name,
              kind: KINDS[s.kind],
              startTimeUnixNano: nanosText(BASE_MS + s.startMs),
              endTimeUnixNano: nanosText(BASE_MS + s.endMs),
              attributes: keyValues({ ...s.attributes, ...(s.sidecar ? { 'spanbridge.span.origin': 'proxy' } : {}) }),
              ...(s.error === undefined ? {} : { status: { code: 2, message: s.error } }),
            })),
        },
      ],
    })),
  };
}

export interface EdgeSpec {
  parent: string;
  child: string;
  calls: number;
  errors?: number;
  faults?: number;
  throttles?: number;
  p50Ms: number;
  p99Ms: number;
  virtual?: boolean;
}

/** `GET /api/v1/dependencies`: the edges, and every node they name with the sums of the edges into it. */
export function dependenciesWire(edges: readonly EdgeSpec[]): Record<string, unknown> {
  const names = [...new Set(edges.flatMap((e) => [e.parent, e.child]))].sort();
  const into = (name: string) => edges.filter((e) => e.child === name);
  const sum = (list: readonly EdgeSpec[], get: (e: EdgeSpec) => number | undefined) => list.reduce((n, e) => n + (get(e) ?? 0), 0);
  return {
    nodes: names.map((name) => ({
      name,
      virtual: into(name).some((e) => e.virtual === true),
      callsIn: sum(into(name), (e) => e.calls),
      errorsIn: sum(into(name), (e) => e.errors),
      faultsIn: sum(into(name), (e) => e.faults),
      throttlesIn: sum(into(name), (e) => e.throttles),
    })),
    edges: edges.map((e) => ({
      parent: e.parent,
      child: e.child,
      callCount: e.calls,
      errorCount: e.errors ?? 0,
      faultCount: e.faults ?? 0,
      throttleCount: e.throttles ?? 0,
      p50Nanos: nanosText(e.p50Ms),
      p99Nanos: nanosText(e.p99Ms),
      virtual: e.virtual ?? false,
    })),
  };
}
