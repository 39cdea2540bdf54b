// Batches of generated shop spans (shopTraces.ts) as an OpenTelemetry SDK's exporter or a collector hands them on:
// one ResourceSpans per service, one ScopeSpans per instrumentation library, traces cut across batches.
import type { AnyValue, Attributes, InstrumentationScope, ScopeSpans, Span, TraceBatch } from '../src/model/span.js';
import { seededRandom } from '../test/support/seededRandom.js';
import { shopService } from './shopTopology.js';
import type { ShopScope, ShopSpan } from './shopTraces.js';
import { podIp, shopTrace } from './shopTraces.js';

const SDK_VERSIONS: Record<string, string> = { nodejs: '1.26.0', java: '1.40.0', go: '1.28.0', python: '1.25.0', dotnet: '1.9.0' };
const SCOPES: Record<ShopScope, string> = {
  http: 'io.opentelemetry.http',
  db: 'io.opentelemetry.db',
  aws: 'io.opentelemetry.aws-sdk-2.2',
  messaging: 'io.opentelemetry.kafka-clients-2.6',
  internal: 'shop.manual',
};

/**
 * The resource attributes of a service's pod on EKS (https://opentelemetry.io/docs/specs/semconv/resource/); replica
 * `replica` (default 0, the one pod of a one-replica shop) has its own pod name, instance id and IP.
 */
export function shopResource(serviceName: string, replica = 0): Attributes {
  const s = shopService(serviceName);
  const pod = `${s.name}-7d9c8b6f5-${((s.name.length + replica * 131) * 7919).toString(36).slice(-5).padStart(5, 'x')}`;
  const ip = podIp(s.name);
  return new Map<string, AnyValue>([
    ['service.name', s.name],
    ['service.namespace', 'shop'],
    ['service.version', s.version],
    ['service.instance.id', pod],
    ['deployment.environment.name', 'production'],
    ['k8s.namespace.name', 'shop'],
    ['k8s.deployment.name', s.name],
    ['k8s.pod.name', pod],
    ['k8s.pod.ip', replica === 0 ? ip : `${ip.slice(0, ip.lastIndexOf('.'))}.${(replica * 3) % 250 + 2}`],
    ['k8s.node.name', `ip-10-0-${s.name.length}-17.ec2.internal`],
    ['cloud.provider', 'aws'],
    ['cloud.platform', 'aws_eks'],
    ['cloud.region', 'us-east-1'],
    ['telemetry.sdk.name', 'opentelemetry'],
    ['telemetry.sdk.language', s.language],
    ['telemetry.sdk.version', SDK_VERSIONS[s.language] as string],
  ]);
}

function scope(name: string): InstrumentationScope {
  return { name, version: '2.6.0', attributes: new Map(), droppedAttributesCount: 0 };
}

/** The replica of `service` that handled its part of a trace: the same for every span of the trace in that service. */
function replicaOf(traceId: string, service: string, replicas: number): number {
  if (replicas <= 1) return 0;
  let h = 0;
  for (const text of [traceId, service]) for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h % replicas;
}

/**
 * The spans as one batch (fresh resource and scope objects, so the batch can be handed on and changed): one
 * ResourceSpans per pod, each service running `podsPerService` replicas (default one).
 */
export function shopBatch(spans: readonly ShopSpan[], podsPerService = 1): TraceBatch {
  const byPod = new Map<string, { service: string; replica: number; scopes: Map<ShopScope, Span[]> }>();
  for (const s of spans) {
    const replica = replicaOf(s.span.traceId, s.service, podsPerService);
    const key = `${s.service}#${replica}`;
    let pod = byPod.get(key);
    if (pod === undefined) byPod.set(key, (pod = { service: s.service, replica, scopes: new Map() }));
    const list = pod.scopes.get(s.scope);
    if (list === undefined) pod.scopes.set(s.scope, [s.span]);
    else list.push(s.span);
  }
  return {
    resourceSpans: [...byPod.values()].map(({ service, replica, scopes }) => ({
      resource: { attributes: shopResource(service, replica), droppedAttributesCount: 0 },
      schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
      scopeSpans: [...scopes].map(([s, list]): ScopeSpans => ({ scope: scope(SCOPES[s]), schemaUrl: '', spans: list })),
    })),
  };
}

export interface ShopBatchOptions {
  seed: number;
  /** Spans in all (the last batch may be smaller). */
  totalSpans: number;
  spansPerBatch: number;
  /** Trace start times spread evenly over [fromNanos, toNanos) in the order generated. */
  fromNanos: bigint;
  toNanos: bigint;
  /** Called for each trace generated, with its id and start. */
  onTrace?: (traceId: string, startNanos: bigint) => void;
  /** Replicas of each service, each its own resource (default 1). */
  podsPerService?: number;
}

/** Batches of exactly `spansPerBatch` spans (traces cut across batches, as an exporter's batching does). */
export function* shopBatches(o: ShopBatchOptions): Generator<TraceBatch> {
  const random = seededRandom(o.seed);
  const range = Number(o.toNanos - o.fromNanos);
  let pending: ShopSpan[] = [];
  let made = 0;
  while (made < o.totalSpans) {
    const start = o.fromNanos + BigInt(Math.floor((made / o.totalSpans) * range));
    const trace = shopTrace(random, start);
    o.onTrace?.((trace[0] as ShopSpan).span.traceId, start);
    for (const s of trace) {
      if (made === o.totalSpans) break;
      pending.push(s);
      made++;
      if (pending.length === o.spansPerBatch) {
        yield shopBatch(pending, o.podsPerService);
        pending = [];
      }
    }
  }
  if (pending.length > 0) yield shopBatch(pending, o.podsPerService);
}
