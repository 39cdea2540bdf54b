import type { IncomingHttpHeaders } from 'node:http';
import type { BookinfoService } from '../bookinfo/workloads.js';
import type { ZipkinJsonSpan } from './zipkinJsonSpan.js';

/** Inbound: the listener in front of the app. Outbound: the listener around the app's calls. */
export type Direction = 'inbound' | 'outbound';

/** The ids of one proxy span. Ids are whatever the flavour emits (Envoy 16 hex; FSM 32-hex span ids). */
export interface HopSpanIds {
  traceId: string;
  spanId: string;
  parentId?: string;
  /** Whether the span is reported (the B3 sampling decision: `x-b3-sampled: 1` reports, `0` does not). */
  sampled: boolean;
}

export interface TraceDecision {
  /** This proxy's span; undefined when the proxy does not trace the request. */
  span: HopSpanIds | undefined;
  /** Headers to set (a string) or remove (undefined) on the request this proxy forwards. */
  headers: Record<string, string | undefined>;
}

/** What one proxy hop saw: the input of a flavour's span formatter. */
export interface ProxyHop {
  direction: Direction;
  span: HopSpanIds;
  /** Epoch microseconds at the start of the request. */
  startMicros: number;
  durationMicros: number;
  method: string;
  /** The Host / :authority header, e.g. `details:9080`. */
  authority: string;
  /** Path with query, as requested. */
  path: string;
  /** `HTTP/1.1`. */
  protocol: string;
  /** `x-forwarded-proto` as the proxy saw it, if any. */
  forwardedProto: string | undefined;
  requestId: string;
  userAgent: string | undefined;
  /** The downstream peer's IP (the caller's pod IP, or the load generator's socket address). */
  downstreamAddress: string;
  /** The chosen upstream `ip:port`, once one was chosen. */
  upstreamAddress: string | undefined;
  /** Outbound: the destination service and the version subset the request was routed to, once routed. */
  destination: { service: BookinfoService; subset: string } | undefined;
  /** The response status sent downstream; 0 when none was. */
  statusCode: number;
  /** Envoy response flags: `-`, or codes like `UF`, `UT`, `NR`, `DC`. */
  responseFlags: string;
  requestBytes: number;
  responseBytes: number;
}

/** One mesh's sidecar tracing behaviour: Istio/Envoy or FSM/Pipy (docs/zipkin-mesh.md describes both). */
export interface SidecarTracing {
  /** Decides this proxy's span ids from the request headers and the propagation headers it forwards. */
  begin(direction: Direction, headers: IncomingHttpHeaders): TraceDecision;
  /** The span to report for a finished hop; undefined when it is not reported. */
  toZipkinSpan(hop: ProxyHop): ZipkinJsonSpan | undefined;
}
