// Sidecar spans as an Istio 1.1-1.7 Envoy puts them on the wire to Zipkin (docs/zipkin-mesh.md, "Sidecar spans from
// Envoy and Istio"): v2 JSON, kind CLIENT on both listeners (shared_span_context false, envoyproxy/envoy#13141), a span
// id of its own per proxy, 128-bit trace ids, no remote endpoint, string tags. The tag set is the one of the captured
// Istio span in test/fixtures/zipkin/issue-excerpts/istio-pr-42104-otel-provider-server-span.excerpt.json.
import type { ZipkinJsonSpan } from '../../src/demo/sidecar/zipkinJsonSpan.js';
import { SEED_NAMESPACE, seedPodIp, seedPodName, type EnvoyHop, type SpanSpec } from './seedSpanSpec.js';

const MESH_ID = 'cluster.local';

/** Envoy's `x-request-id` for the trace: a version-4 UUID made from the trace id, so every hop of a trace agrees. */
function requestId(traceId: string): string {
  return `${traceId.slice(0, 8)}-${traceId.slice(8, 12)}-4${traceId.slice(13, 16)}-8${traceId.slice(17, 20)}-${traceId.slice(20, 32)}`;
}

function envoyTags(service: string, hop: EnvoyHop, xRequestId: string): Record<string, string> {
  const ip = seedPodIp(service);
  return {
    component: 'proxy',
    node_id: `sidecar~${ip}~${seedPodName(service)}.${SEED_NAMESPACE}~${SEED_NAMESPACE}.svc.cluster.local`,
    'guid:x-request-id': xRequestId,
    'http.url': hop.url,
    'http.method': 'GET',
    'http.protocol': 'HTTP/1.1',
    downstream_cluster: '-',
    'peer.address': hop.peerAddress,
    request_size: '0',
    response_size: String(hop.status >= 400 ? 19 : 1024),
    upstream_cluster: hop.upstreamCluster,
    'http.status_code': String(hop.status),
    response_flags: '-',
    // Envoy marks no response and 5xx as errors (docs/zipkin-mesh.md, "Tags").
    ...(hop.status === 0 || hop.status >= 500 ? { error: 'true' } : {}),
    // Istio's custom tags (docs/zipkin-mesh.md, "Istio's custom tags").
    'istio.canonical_revision': 'v1',
    'istio.canonical_service': service,
    'istio.mesh_id': MESH_ID,
    'istio.namespace': SEED_NAMESPACE,
  };
}

/** The `envoy` specs of a trace starting at `t0` (nanoseconds) as Zipkin v2 JSON spans, in spec order. */
export function envoySidecarSpans(traceId: string, t0: bigint, specs: readonly SpanSpec[]): ZipkinJsonSpan[] {
  const xRequestId = requestId(traceId);
  const out: ZipkinJsonSpan[] = [];
  for (const s of specs) {
    if (s.envoy === undefined) continue;
    out.push({
      traceId,
      ...(s.parent === undefined ? {} : { parentId: s.parent }),
      id: s.id,
      kind: 'CLIENT',
      name: s.name,
      timestamp: Number((t0 + s.start) / 1_000n),
      duration: Number(s.duration / 1_000n),
      localEndpoint: { serviceName: `${s.service}.${SEED_NAMESPACE}`, ipv4: seedPodIp(s.service), port: 0 },
      tags: envoyTags(s.service, s.envoy, xRequestId),
    });
  }
  return out;
}
