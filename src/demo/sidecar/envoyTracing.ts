// Istio sidecar spans through Envoy's Zipkin tracer (docs/zipkin-mesh.md, "Sidecar spans from Envoy and Istio"). The
// emulated proxy is an Istio 1.1-1.7 one (shared_span_context false on the Envoy that reported every span as CLIENT,
// envoyproxy/envoy#13141): kind CLIENT on both listeners, a new span id per proxy, 128-bit trace ids (Istio's defaults).
import { MESH_ID, NAMESPACE, SERVICE_PORT, serviceFqdn, type Workload } from '../bookinfo/workloads.js';
import { PEER_METADATA_ID_HEADER } from './callerAddress.js';
import { extractEnvoyB3 } from './envoyB3Context.js';
import { randomHexId } from './randomIds.js';
import { routeDecoratorName } from './routeDecorator.js';
import type { HopSpanIds, ProxyHop, SidecarTracing, TraceDecision } from './sidecarTracing.js';
import type { ZipkinJsonSpan } from './zipkinJsonSpan.js';

/** Envoy's default `max_path_tag_length`: the path in `http.url` is cut there. */
const MAX_PATH_TAG_LENGTH = 256;

/** `sidecar~<pod IP>~<pod>.<namespace>~<namespace>.svc.cluster.local`, Istio's proxy id. */
export function istioNodeId(workload: Workload): string {
  return `sidecar~${workload.podIp}~${workload.podName}.${NAMESPACE}~${NAMESPACE}.svc.cluster.local`;
}

/**
 * Istio's cluster names: `inbound|<port>||<host>` for the app's own listener, `outbound|<port>|<subset>|<host>` for
 * calls.
 */
export function istioUpstreamCluster(hop: Pick<ProxyHop, 'direction' | 'destination'>, workload: Workload): string | undefined {
  if (hop.direction === 'inbound') return `inbound|${SERVICE_PORT}||${serviceFqdn(workload.service)}`;
  if (!hop.destination) return undefined;
  return `outbound|${SERVICE_PORT}|${hop.destination.subset}|${serviceFqdn(hop.destination.service)}`;
}

export interface EnvoyTracingOptions {
  /** Percentage of new traces sampled (HCM random sampling, Telemetry `randomSamplingPercentage`). */
  samplingPercent: number;
  /** Replaces Math.random for the sampling draw (tests). */
  random?: () => number;
}

export function createEnvoyTracing(workload: Workload, options: EnvoyTracingOptions): SidecarTracing {
  const random = options.random ?? Math.random;
  const decide = () => random() * 100 < options.samplingPercent;
  const serviceName = `${workload.service}.${NAMESPACE}`;
  const nodeId = istioNodeId(workload);

  return {
    begin(direction, headers): TraceDecision {
      // Istio's metadata exchange: outbound requests name the calling sidecar; the inbound side consumes the header.
      const peer = { [PEER_METADATA_ID_HEADER]: direction === 'outbound' ? nodeId : undefined };
      const extracted = extractEnvoyB3(headers);
      // Envoy's Zipkin driver creates no span for malformed B3 headers; the trace headers pass untouched.
      if (extracted === 'malformed') return { span: undefined, headers: peer };
      let span: HopSpanIds;
      if ('none' in extracted) {
        // Envoy gives a new root the low 64 bits of its trace id as its span id.
        const traceId = randomHexId(32);
        span = { traceId, spanId: traceId.slice(16), sampled: extracted.sampled ?? decide() };
      } else {
        span = { traceId: extracted.traceId, spanId: randomHexId(16), parentId: extracted.spanId, sampled: extracted.sampled ?? decide() };
      }
      return {
        span,
        // Envoy injects the B3 multi headers only, never `b3` (removed so the app cannot pick a stale one).
        headers: {
          'X-B3-TraceId': span.traceId,
          'X-B3-SpanId': span.spanId,
          'X-B3-ParentSpanId': span.parentId,
          'X-B3-Sampled': span.sampled ? '1' : '0',
          b3: undefined,
          ...peer,
        },
      };
    },

    toZipkinSpan(hop) {
      if (!hop.span.sampled) return undefined;
      const end = hop.startMicros + hop.durationMicros;
      const routed = hop.direction === 'inbound' ? workload.service : hop.destination?.service;
      const [pathOnly = '', query] = hop.path.split(/\?(.*)/s);
      const path = pathOnly.slice(0, MAX_PATH_TAG_LENGTH) + (query === undefined ? '' : `?${query}`);
      const upstreamCluster = istioUpstreamCluster(hop, workload);
      const tags: Record<string, string> = {
        component: 'proxy',
        node_id: nodeId,
        'guid:x-request-id': hop.requestId,
        'http.url': `${hop.forwardedProto ?? 'http'}://${hop.authority}${path}`,
        'http.method': hop.method,
        'http.protocol': hop.protocol,
        downstream_cluster: '-',
        user_agent: hop.userAgent || '-',
        'peer.address': hop.downstreamAddress,
        request_size: String(hop.requestBytes),
        response_size: String(hop.responseBytes),
        ...(upstreamCluster === undefined ? {} : { upstream_cluster: upstreamCluster }),
        'http.status_code': String(hop.statusCode),
        response_flags: hop.responseFlags,
        // Envoy marks no response and 5xx as errors (docs/zipkin-mesh.md, "Tags").
        ...(hop.statusCode === 0 || hop.statusCode >= 500 ? { error: 'true' } : {}),
        // Istio's custom tags (docs/zipkin-mesh.md, "Istio's custom tags").
        'istio.canonical_revision': workload.version,
        'istio.canonical_service': workload.service,
        'istio.mesh_id': MESH_ID,
        'istio.namespace': NAMESPACE,
      };
      return {
        traceId: hop.span.traceId,
        ...(hop.span.parentId === undefined ? {} : { parentId: hop.span.parentId }),
        id: hop.span.spanId,
        kind: 'CLIENT',
        // The span name: the route decorator's once routed, else the Host header (what Envoy names a span).
        name: routed === undefined ? hop.authority : routeDecoratorName(routed, hop.path),
        timestamp: hop.startMicros,
        duration: hop.durationMicros,
        localEndpoint: { serviceName, ipv4: workload.podIp, port: 0 },
        annotations: [{ timestamp: end, value: 'cr' }],
        tags,
      } satisfies ZipkinJsonSpan;
    },
  };
}
