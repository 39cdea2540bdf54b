import type { AnyValue, SpanEvent, SpanKind, SpanLink } from '../../src/model/span.js';

/** The Kubernetes namespace of the seed workloads (a Bookinfo-like mesh, as in the demo). */
export const SEED_NAMESPACE = 'bookinfo';

/** What Istio's Envoy knows of one request through a sidecar (docs/zipkin-mesh.md, "Tags" and "upstream_cluster"). */
export interface EnvoyHop {
  /** `inbound|<port>||<host>` for the listener in front of the app, `outbound|<port>|<subset>|<host>` for its calls. */
  upstreamCluster: string;
  status: number;
  /** `http.url`: `<x-forwarded-proto>://<authority><path>`. */
  url: string;
  /** The pod address of the downstream peer. */
  peerAddress: string;
}

/** One seed span, with times relative to its trace's start. */
export interface SpanSpec {
  service: string;
  id: string;
  parent?: string;
  name: string;
  /** For `envoy` specs the kind after normalization: Envoy reports CLIENT (see envoySidecarSpans.ts). */
  kind: SpanKind;
  /** From the trace start. */
  start: bigint;
  duration: bigint;
  attributes?: Record<string, AnyValue>;
  /** A sidecar span already normalized upstream: sent over OTLP, marked `spanbridge.span.origin = proxy`. */
  proxy?: boolean;
  /** A sidecar span as Envoy reports it: sent to the zipkin receiver, for the istio processor to normalize. */
  envoy?: EnvoyHop;
  error?: string;
  /** Event times are from the span's start. */
  events?: SpanEvent[];
  links?: SpanLink[];
}

/** The pod of a seed service (the same name on its OTLP resource and in its sidecar's `node_id`). */
export function seedPodName(service: string): string {
  return `${service}-v1-7d9c8b6f5-x2x7q`;
}

const POD_IPS: Readonly<Record<string, string>> = { productpage: '10.244.0.21', details: '10.244.0.22', reviews: '10.244.0.23', ratings: '10.244.0.24' };

/** The pod address of a seed service; the ingress gateway's for anything else. */
export function seedPodIp(service: string): string {
  return POD_IPS[service] ?? '10.244.0.5';
}
