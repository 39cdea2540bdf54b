// The request bodies of the end-to-end section, built the same way in the bench process (baselines, trace ids to
// query) and in the load child (what it sends): a pool of bodies, each sent again and again with its trace ids made
// new for every round, so every request stores traces of its own and no trace grows without bound.
import { encodeOtlpProto } from '../../src/codecs/otlp/encodeOtlpProto.js';
import { envoySpanGroups } from '../envoyZipkinSpans.js';
import { shopBatches } from '../shopBatches.js';

/** What the section loads: Zipkin v2 JSON over HTTP, OTLP protobuf over HTTP, OTLP over gRPC. */
export type E2eProtocol = 'zipkin' | 'otlp-http' | 'otlp-grpc';

/**
 * A load the section can run (`--protocols`): one per protocol, Zipkin with far more requests in flight than the store
 * can absorb, and Zipkin into a server whose store is `storage.clickhouse` (a local clickhouse-server the bench starts).
 */
export type E2eScenario = E2eProtocol | 'overload' | 'clickhouse';

export const E2E_SCENARIOS: readonly E2eScenario[] = ['zipkin', 'otlp-http', 'otlp-grpc', 'overload', 'clickhouse'];

export interface BodyOptions {
  /** Bodies in the pool. */
  count: number;
  spansPerBody: number;
  /** Replicas of each of the 20 shop services (each its own resource after the istio processor / in OTLP). */
  podsPerService: number;
  seed: number;
  /** When the first generated trace starts, Unix ms (the same in both processes). */
  startMillis: number;
}

/** A trace id occurrence in a body: where its bytes start and which of the body's traces it is. */
interface IdSite {
  offset: number;
  trace: number;
}

export interface BodyPool {
  protocol: E2eProtocol;
  bodies: Buffer[];
  spansPerBody: number;
  /** Per body, its distinct trace ids as generated (round 0), 32 or 16 hex digits. */
  traceIds: string[][];
  sites: IdSite[][];
}

/** Trace ids found in a Zipkin JSON body: every `"traceId":"<hex>"`. */
const JSON_TRACE_ID = /"traceId":"([0-9a-f]{16}|[0-9a-f]{32})"/g;

function jsonPoolEntry(body: Buffer): { traceIds: string[]; sites: IdSite[] } {
  const text = body.toString('latin1');
  const traceIds: string[] = [];
  const index = new Map<string, number>();
  const sites: IdSite[] = [];
  for (const m of text.matchAll(JSON_TRACE_ID)) {
    const id = m[1] as string;
    let trace = index.get(id);
    if (trace === undefined) {
      trace = traceIds.push(id) - 1;
      index.set(id, trace);
    }
    sites.push({ offset: (m.index as number) + '"traceId":"'.length, trace });
  }
  return { traceIds, sites };
}

/** Every place the raw 16 bytes of each trace id occur in a protobuf body. */
function protoPoolEntry(body: Buffer, ids: readonly string[]): { traceIds: string[]; sites: IdSite[] } {
  const sites: IdSite[] = [];
  ids.forEach((id, trace) => {
    const raw = Buffer.from(id, 'hex');
    for (let at = body.indexOf(raw); at >= 0; at = body.indexOf(raw, at + 1)) sites.push({ offset: at, trace });
  });
  return { traceIds: [...ids], sites };
}

/**
 * The pool for a protocol: Istio sidecar spans (Envoy's Zipkin tracer) for Zipkin; OpenTelemetry SDK spans with one
 * resource per pod for OTLP (HTTP and gRPC carry the same protobuf bytes).
 */
export function bodyPool(protocol: E2eProtocol, o: BodyOptions): BodyPool {
  const bodies: Buffer[] = [];
  const traceIds: string[][] = [];
  const sites: IdSite[][] = [];
  if (protocol === 'zipkin') {
    for (const group of envoySpanGroups(o.count, o.spansPerBody, o.seed, o.startMillis * 1000, o.podsPerService)) {
      const body = Buffer.from(JSON.stringify(group));
      const entry = jsonPoolEntry(body);
      bodies.push(body);
      traceIds.push(entry.traceIds);
      sites.push(entry.sites);
    }
  } else {
    const from = BigInt(o.startMillis) * 1_000_000n;
    const batches = shopBatches({ seed: o.seed, totalSpans: o.count * o.spansPerBody, spansPerBatch: o.spansPerBody, fromNanos: from, toNanos: from + 60_000_000_000n, podsPerService: o.podsPerService });
    for (const batch of batches) {
      const ids = new Set<string>();
      for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) ids.add(s.traceId);
      const body = Buffer.from(encodeOtlpProto(batch));
      const entry = protoPoolEntry(body, [...ids]);
      bodies.push(body);
      traceIds.push(entry.traceIds);
      sites.push(entry.sites);
    }
  }
  return { protocol, bodies, spansPerBody: o.spansPerBody, traceIds, sites };
}

/** A trace id with its first four bytes XORed with the round: distinct per round, the same in both processes. */
export function roundTraceId(id: string, round: number): string {
  const head = (Number.parseInt(id.slice(0, 8), 16) ^ round) >>> 0;
  return head.toString(16).padStart(8, '0') + id.slice(8);
}

/** Which body and round the `k`-th request (from 0) sends: the pool in order, again and again. */
export function requestSlot(pool: BodyPool, k: number): { body: number; round: number } {
  return { body: k % pool.bodies.length, round: Math.floor(k / pool.bodies.length) };
}

/**
 * The `k`-th request's body: the pool's body with its trace ids rewritten for the round, in place (the caller sends
 * it, or copies it, before asking for the next one).
 */
export function requestBody(pool: BodyPool, k: number): Buffer {
  const { body: b, round } = requestSlot(pool, k);
  const body = pool.bodies[b] as Buffer;
  const ids = (pool.traceIds[b] as string[]).map((id) => roundTraceId(id, round));
  for (const site of pool.sites[b] as IdSite[]) {
    const id = ids[site.trace] as string;
    if (pool.protocol === 'zipkin') body.write(id.slice(0, 8), site.offset, 'latin1');
    else body.write(id.slice(0, 8), site.offset, 'hex');
  }
  return body;
}

/** The 128-bit trace ids the `k`-th request stored (64-bit Zipkin ids are left out: the store widens them). */
export function requestTraceIds(pool: BodyPool, k: number): string[] {
  const { body, round } = requestSlot(pool, k);
  return (pool.traceIds[body] as string[]).filter((id) => id.length === 32).map((id) => roundTraceId(id, round));
}
