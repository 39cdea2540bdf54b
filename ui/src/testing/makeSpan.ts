import { buildTrace } from '../model/buildTrace.js';
import { unixNanos } from '../model/time.js';
import type { ResourceInfo, SpanRecord, Trace } from '../model/trace.js';

// Test helpers: terse span records with times in microseconds from a fixed base, so expectations read easily.

const BASE = 1_700_000_000_000_000_000n;
const resources = new Map<string, ResourceInfo>();

function resourceOf(service: string): ResourceInfo {
  let r = resources.get(service);
  if (r === undefined) {
    r = { service, attributes: [{ key: 'service.name', type: 'string', text: service }], schemaUrl: '' };
    resources.set(service, r);
  }
  return r;
}

export interface SpanSpec {
  id: string;
  parent?: string;
  /** Microseconds from the base time. */
  start: number;
  end: number;
  service?: string;
  name?: string;
  proxy?: boolean;
  error?: boolean;
}

/** Span ids are padded to 16 hex digits, so tests can say `a`, `b1`. */
export function spanId(short: string): string {
  return short.padStart(16, '0');
}

export function makeSpan(spec: SpanSpec): SpanRecord {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: spanId(spec.id),
    parentSpanId: spec.parent === undefined ? '' : spanId(spec.parent),
    name: spec.name ?? `op-${spec.id}`,
    kind: 'INTERNAL',
    start: unixNanos(BASE + BigInt(spec.start) * 1000n),
    end: unixNanos(BASE + BigInt(spec.end) * 1000n),
    status: { code: spec.error ? 'ERROR' : 'UNSET', message: '' },
    attributes: spec.proxy ? [{ key: 'spanbridge.span.origin', type: 'string', text: 'proxy' }] : [],
    events: [],
    links: [],
    traceState: '',
    resource: resourceOf(spec.service ?? 'svc'),
    scope: { name: '', version: '' },
    isProxy: spec.proxy ?? false,
  };
}

export function makeTrace(specs: readonly SpanSpec[]): Trace {
  return buildTrace('0af7651916cd43dd8448eb211c80319c', specs.map(makeSpan));
}

/** Index of the span with short id `id`. */
export function idx(trace: Trace, id: string): number {
  const i = trace.spanIndexById.get(spanId(id));
  if (i === undefined) throw new Error(`no span ${id}`);
  return i;
}

export const MICRO = 1000;
