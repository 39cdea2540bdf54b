// FSM (Flomesh Pipy) sidecar spans (docs/zipkin-mesh.md, "Sidecar spans from FSM"): outbound CLIENT spans with a fresh
// 32-hex span id (a UUID without dashes), inbound SERVER spans that reuse the caller's span id with `shared: true`, the
// service account as localEndpoint.serviceName and the pod UID as `node_id`.
import { NAMESPACE, SERVICE_PORT, type Workload } from '../bookinfo/workloads.js';
import { firstHeader } from './headers.js';
import { uuidHex } from './randomIds.js';
import type { HopSpanIds, ProxyHop, SidecarTracing } from './sidecarTracing.js';
import type { ZipkinJsonSpan } from './zipkinJsonSpan.js';

const TWO_POW_63 = 2n ** 63n;

/** FSM's readable cluster names (`enableSidecarPrettyConfig`, the chart default). */
export function fsmUpstreamCluster(hop: Pick<ProxyHop, 'direction' | 'destination'>, workload: Workload): string {
  if (hop.direction === 'inbound') return `${NAMESPACE}/${workload.service}|${SERVICE_PORT}|local`;
  return hop.destination ? `${NAMESPACE}/${hop.destination.service}|${SERVICE_PORT}` : '';
}

export interface FsmTracingOptions {
  /** MeshConfig `sampledFraction` as a percentage. */
  samplingPercent: number;
}

export function createFsmTracing(workload: Workload, options: FsmTracingOptions): SidecarTracing {
  const fraction = BigInt(Math.round(options.samplingPercent * 100));
  // FSM's sampling rule: sampled iff value(traceId)/2 < sampledFraction * 2^63 (the trace id's low 64 bits here).
  const sampledByTraceId = (traceId: string) => BigInt(`0x${traceId.slice(-16)}`) / 2n < (TWO_POW_63 * fraction) / 10_000n;

  return {
    begin(direction, headers) {
      const traceId = firstHeader(headers, 'x-b3-traceid')?.toLowerCase();
      const spanId = firstHeader(headers, 'x-b3-spanid')?.toLowerCase();
      const sampledHeader = firstHeader(headers, 'x-b3-sampled');
      if (direction === 'inbound') {
        // Inbound spans are recorded only when x-b3-sampled is "1"; headers pass on unchanged.
        if (sampledHeader !== '1' || traceId === undefined || spanId === undefined) return { span: undefined, headers: {} };
        const parentId = firstHeader(headers, 'x-b3-parentspanid')?.toLowerCase();
        return { span: { traceId, spanId, ...(parentId ? { parentId } : {}), sampled: true }, headers: {} };
      }
      // Outbound, `initTracingHeaders`: the incoming span id becomes the parent of a new 32-hex span id; a request
      // without a trace id starts one equal to that span id.
      const newSpanId = uuidHex();
      const newTraceId = traceId ?? newSpanId;
      const sampled = sampledHeader === undefined ? sampledByTraceId(newTraceId) : sampledHeader === '1';
      const span: HopSpanIds = { traceId: newTraceId, spanId: newSpanId, ...(spanId ? { parentId: spanId } : {}), sampled };
      return {
        span,
        headers: {
          'x-b3-traceid': newTraceId,
          'x-b3-spanid': newSpanId,
          'x-b3-parentspanid': spanId,
          'x-b3-sampled': sampled ? '1' : '0',
          // FSM's stats headers identify the calling workload to the callee's sidecar.
          'fsm-stats-namespace': NAMESPACE,
          'fsm-stats-kind': 'Deployment',
          'fsm-stats-name': workload.name,
          'fsm-stats-pod': workload.podName,
        },
      };
    },

    toZipkinSpan(hop) {
      if (!hop.span.sampled) return undefined;
      // `http.url` is built from x-forwarded-proto; when a caller did not send one the demo assumes http (Pipy's
      // script would print `undefined://`, which has not been seen in captured spans).
      const tags: Record<string, string> = {
        component: 'proxy',
        'http.url': `${hop.forwardedProto ?? 'http'}://${hop.authority}${hop.path}`,
        'http.method': hop.method,
        node_id: workload.podUid,
        'http.protocol': hop.protocol,
        'guid:x-request-id': hop.requestId,
        user_agent: hop.userAgent ?? '',
        upstream_cluster: fsmUpstreamCluster(hop, workload),
        request_size: String(hop.requestBytes),
        response_size: String(hop.responseBytes),
        // Pipy starts the status at "502" and overwrites it when a response arrives.
        'http.status_code': String(hop.statusCode === 0 ? 502 : hop.statusCode),
        'peer.address': hop.upstreamAddress ?? '',
      };
      const span: ZipkinJsonSpan = {
        traceId: hop.span.traceId,
        id: hop.span.spanId,
        ...(hop.span.parentId === undefined ? {} : { parentId: hop.span.parentId }),
        name: hop.authority,
        kind: hop.direction === 'inbound' ? 'SERVER' : 'CLIENT',
        // Pipy's timestamp is Date.now() * 1000: millisecond precision in microseconds.
        timestamp: Math.floor(hop.startMicros / 1000) * 1000,
        duration: hop.durationMicros,
        localEndpoint: { port: 0, ipv4: workload.podIp, serviceName: workload.serviceAccount },
        annotations: [],
        tags,
      };
      if (hop.direction === 'inbound') span.shared = true;
      return span;
    },
  };
}
