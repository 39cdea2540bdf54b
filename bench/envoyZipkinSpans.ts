// Zipkin v2 JSON spans as Istio sidecars (Envoy's Zipkin tracer) report them, over the shop call graph: an ingress
// gateway CLIENT root, then per HTTP call an outbound CLIENT span from the caller's sidecar and an inbound SERVER span
// (own id, Istio >= 1.8) from the callee's. Shapes and tags follow docs/zipkin-mesh.md ("Sidecar spans from Envoy and
// Istio") and the captured span
// test/fixtures/zipkin/issue-excerpts/istio-pr-42104-otel-provider-server-span.excerpt.json.
import { randomHex, randomInt, randomUuid, seededRandom } from '../test/support/seededRandom.js';
import type { Hop } from './shopTopology.js';
import { pickRequest, shopService } from './shopTopology.js';
import { podIp } from './shopTraces.js';

export interface ZipkinJsonSpan {
  traceId: string;
  parentId?: string;
  id: string;
  kind: 'CLIENT' | 'SERVER';
  name: string;
  timestamp: number;
  duration: number;
  localEndpoint: { serviceName: string; ipv4: string };
  tags: Record<string, string>;
}

const NS = 'shop';
const GATEWAY = { service: 'istio-ingressgateway', namespace: 'istio-system', ip: '10.244.0.5', pod: 'istio-ingressgateway-6d8f7c9b4-q2hkl' };

function fqdn(service: string): string {
  return `${service}.${NS}.svc.cluster.local`;
}

interface Ctx {
  random: () => number;
  traceId: string;
  requestId: string;
  out: ZipkinJsonSpan[];
  /** Replicas of every service; each inbound call goes to one picked at random. */
  pods: number;
}

/** One sidecar's pod: its name (in Envoy's node id) and IP. */
interface Pod {
  name: string;
  ip: string;
}

function istioTags(service: string, namespace: string, ip: string, pod: string, type: 'sidecar' | 'router'): Record<string, string> {
  return {
    'istio.canonical_revision': 'v1',
    'istio.canonical_service': service,
    'istio.cluster_id': 'Kubernetes',
    'istio.mesh_id': 'cluster.local',
    'istio.namespace': namespace,
    node_id: `${type}~${ip}~${pod}.${namespace}~${namespace}.svc.cluster.local`,
  };
}

function podName(service: string): string {
  return `${service}-v1-5f9d${service.length}c7b8-${service.slice(0, 3)}x2`;
}

/**
 * Replica `index` of a service. Replica 0 is the single pod of the one-replica mesh (`podName`, `podIp`); the others
 * get their own ReplicaSet-style suffix and an IP in the service's /24.
 */
function pod(service: string, index: number): Pod {
  if (index === 0) return { name: podName(service), ip: podIp(service) };
  const base = podIp(service).split('.');
  const suffix = ((index * 7919 + service.length * 104729) % 60466176).toString(36).padStart(5, 'x');
  return { name: `${service}-v1-5f9d${service.length}c7b8-${suffix}`, ip: `${base[0]}.${base[1]}.${base[2]}.${(Number(base[3]) + index * 3) % 250 + 2}` };
}

/** The pod that serves an inbound call: one of `ctx.pods` replicas (no random draw for one replica, so one-pod data stay as they were). */
function pickPod(ctx: Ctx, service: string): Pod {
  return pod(service, ctx.pods > 1 ? randomInt(ctx.random, 0, ctx.pods - 1) : 0);
}

/** Tags both sides of an HTTP call carry (Envoy's downstream and finalize tags, docs/zipkin-mesh.md "Tags"). */
function httpTags(ctx: Ctx, url: string, method: string, status: number, peer: string): Record<string, string> {
  const tags: Record<string, string> = {
    component: 'proxy',
    downstream_cluster: '-',
    'guid:x-request-id': ctx.requestId,
    'http.method': method,
    'http.protocol': 'HTTP/1.1',
    'http.status_code': String(status),
    'http.url': url,
    'peer.address': peer,
    request_size: method === 'GET' ? '0' : String(randomInt(ctx.random, 80, 900)),
    response_flags: status === 503 ? 'UF' : '-',
    response_size: String(status >= 400 ? randomInt(ctx.random, 19, 95) : randomInt(ctx.random, 120, 6000)),
  };
  if (status >= 500) tags.error = 'true';
  return tags;
}

/** Micro-seconds (Zipkin's unit) for a uniformly random duration in [minMs, maxMs]. */
function us(random: () => number, minMs: number, maxMs: number): number {
  return Math.round((minMs + random() * (maxMs - minMs)) * 1000);
}

/**
 * The callee's inbound SERVER span of `hop`, after the caller's outbound span `clientId`, and everything below;
 * returns the inbound span's end (µs), HTTP status and the serving pod's IP.
 */
function inbound(ctx: Ctx, hop: Hop, path: string, clientId: string, callerIp: string, start: number): { end: number; status: number; ip: string } {
  const { random } = ctx;
  const svc = shopService(hop.service);
  const self = pickPod(ctx, hop.service);
  const ip = self.ip;
  const id = randomHex(random, 8);
  let cursor = start + us(random, 0.05, 0.3);
  let childFault = false;
  for (const call of hop.calls) {
    if (call.type !== 'http') {
      // Databases and AWS are reached over TCP/TLS pass-through: no HTTP span from the sidecar, only time.
      cursor += us(random, 0.2, 3);
      continue;
    }
    const r = outbound(ctx, call.to, hop.service, id, self, cursor);
    cursor = r.end + us(random, 0.02, 0.2);
    if (r.status >= 500) childFault = true;
  }
  const roll = random();
  const status = childFault ? 502 : roll < 0.003 ? 503 : roll < 0.012 && hop.method === 'GET' ? 404 : 200;
  const end = cursor + (random() < 0.01 ? us(random, 60, 400) : us(random, 0.1, 2.5));
  ctx.out.push({
    traceId: ctx.traceId,
    parentId: clientId,
    id,
    kind: 'SERVER',
    name: `${fqdn(hop.service)}:${svc.port}/*`,
    timestamp: start,
    duration: end - start,
    localEndpoint: { serviceName: `${hop.service}.${NS}`, ipv4: ip },
    tags: {
      ...httpTags(ctx, `http://${hop.service}.${NS}:${svc.port}${path}`, hop.method, status, `${callerIp}:${randomInt(random, 32768, 60999)}`),
      ...istioTags(hop.service, NS, ip, self.name, 'sidecar'),
      upstream_cluster: `inbound|${svc.port}||`,
      'upstream_cluster.name': `inbound|${svc.port}||`,
    },
  });
  return { end, status, ip };
}

/** The caller's outbound CLIENT span for a call to `to`, with the callee's side below it. */
function outbound(ctx: Ctx, to: Hop, caller: string, parentId: string, callerPod: Pod, start: number): { end: number; status: number } {
  const { random } = ctx;
  const callerIp = callerPod.ip;
  const svc = shopService(to.service);
  const id = randomHex(random, 8);
  const path = to.route.replace(/\{[^}]+\}/g, () => String(randomInt(random, 1, 5000)));
  const served = inbound(ctx, to, path, id, callerIp, start + us(random, 0.1, 0.5));
  const end = served.end + us(random, 0.1, 0.5);
  const cluster = `outbound|${svc.port}||${fqdn(to.service)}`;
  const gateway = caller === GATEWAY.service;
  ctx.out.push({
    traceId: ctx.traceId,
    // JSON.stringify leaves an undefined parentId out, as Envoy does for a root span.
    parentId: parentId === '' ? undefined : parentId,
    id,
    kind: 'CLIENT',
    name: `${fqdn(to.service)}:${svc.port}/*`,
    timestamp: start,
    duration: end - start,
    localEndpoint: { serviceName: gateway ? `${GATEWAY.service}.${GATEWAY.namespace}` : `${caller}.${NS}`, ipv4: callerIp },
    tags: {
      ...httpTags(ctx, gateway ? `https://shop.example.com${path}` : `http://${to.service}.${NS}:${svc.port}${path}`, to.method, served.status, gateway ? `198.51.100.${randomInt(random, 1, 254)}` : callerIp),
      ...(gateway ? istioTags(GATEWAY.service, GATEWAY.namespace, GATEWAY.ip, GATEWAY.pod, 'router') : istioTags(caller, NS, callerIp, callerPod.name, 'sidecar')),
      upstream_address: `${served.ip}:${svc.port}`,
      upstream_cluster: cluster,
      'upstream_cluster.name': cluster,
      ...(gateway ? { user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' } : {}),
    },
  });
  return { end, status: served.status };
}

/**
 * One request's sidecar spans, starting at `startMicros`. One trace in ten has a 64-bit trace id (Istio's
 * `enable64bitTraceId`).
 */
export function envoyTrace(random: () => number, startMicros: number, podsPerService = 1): ZipkinJsonSpan[] {
  const ctx: Ctx = { random, traceId: randomHex(random, random() < 0.1 ? 8 : 16), requestId: randomUuid(random), out: [], pods: podsPerService };
  outbound(ctx, pickRequest(random()), GATEWAY.service, '', { name: GATEWAY.pod, ip: GATEWAY.ip }, startMicros);
  return ctx.out;
}

/**
 * Requests' spans in groups of `spansPerGroup` (traces cut across groups, as a reporter's batches cut them), the
 * first trace starting at `startMicros`, each service running `podsPerService` replicas. Deterministic for a seed.
 */
export function envoySpanGroups(count: number, spansPerGroup: number, seed: number, startMicros: number, podsPerService = 1): ZipkinJsonSpan[][] {
  const random = seededRandom(seed);
  const groups: ZipkinJsonSpan[][] = [];
  let pending: ZipkinJsonSpan[] = [];
  let clock = startMicros;
  while (groups.length < count) {
    for (const s of envoyTrace(random, clock, podsPerService)) {
      pending.push(s);
      if (pending.length === spansPerGroup) {
        groups.push(pending);
        pending = [];
        if (groups.length === count) break;
      }
    }
    clock += us(random, 0.1, 2);
  }
  return groups;
}

/**
 * `count` request bodies (JSON arrays of `spansPerBody` spans, as Envoy's reporter POSTs them to /api/v2/spans),
 * traces cut across bodies, the first starting at `startMicros` (default now), from `podsPerService` replicas of each
 * service (default one). The same arguments give the same bytes.
 */
export function envoyZipkinBodies(count: number, spansPerBody: number, seed = 7, startMicros = Date.now() * 1000, podsPerService = 1): Buffer[] {
  return envoySpanGroups(count, spansPerBody, seed, startMicros, podsPerService).map((g) => Buffer.from(JSON.stringify(g)));
}
