export interface SidecarSpanInput {
  traceId: string;
  id: string;
  parentId?: string;
  /** `inbound|9080||...` or `outbound|9080|subset|host`. */
  cluster: string;
  /** The workload's Istio canonical service. */
  service: string;
  status: string;
  timestampMicros: number;
  durationMicros: number;
}

export interface ZipkinSidecarSpan {
  traceId: string;
  id: string;
  parentId?: string;
  kind: 'CLIENT';
  name: string;
  timestamp: number;
  duration: number;
  localEndpoint: { serviceName: string; ipv4: string };
  tags: Record<string, string>;
}

/**
 * A Zipkin v2 span as an Istio sidecar (Envoy) reports it (docs/zipkin-mesh.md, "Sidecar spans from Envoy and Istio"):
 * kind CLIENT on both sides, `upstream_cluster` saying the direction, `node_id` and `istio.*` tags, Envoy's HTTP tag
 * names.
 */
export function istioSidecarSpan(s: SidecarSpanInput): ZipkinSidecarSpan {
  return {
    traceId: s.traceId,
    id: s.id,
    ...(s.parentId ? { parentId: s.parentId } : {}),
    kind: 'CLIENT' as const,
    name: `${s.cluster.split('|')[3] || `${s.service}.default.svc.cluster.local`}:9080/*`,
    timestamp: s.timestampMicros,
    duration: s.durationMicros,
    localEndpoint: { serviceName: `${s.service}.default`, ipv4: '10.244.0.12' },
    tags: {
      component: 'proxy',
      upstream_cluster: s.cluster,
      'istio.canonical_service': s.service,
      'istio.namespace': 'default',
      'istio.canonical_revision': 'v1',
      node_id: `sidecar~10.244.0.12~${s.service}-v1-6f9b5d7c8-x2x9k.default~default.svc.cluster.local`,
      'guid:x-request-id': 'a1b2c3d4-0000-4000-8000-000000000001',
      'http.method': 'GET',
      'http.url': `http://${s.service}:9080/`,
      'http.status_code': s.status,
      'http.protocol': 'HTTP/1.1',
      response_flags: '-',
      downstream_cluster: '-',
    },
  };
}
