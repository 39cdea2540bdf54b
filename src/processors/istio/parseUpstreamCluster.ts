import { SpanKind } from '../../model/span.js';
import { parsePort } from './parseNumbers.js';

/**
 * An `upstream_cluster` tag value understood as an Istio or FSM cluster name (docs/zipkin-mesh.md, "upstream_cluster").
 */
export interface UpstreamCluster {
  direction: 'inbound' | 'outbound';
  /** The kind Envoy should have reported (rule `span_kind`), when the cluster name says so unambiguously. */
  kindHint: SpanKind | undefined;
  port: number | undefined;
  /** DestinationRule subset of an outbound cluster (`outbound|9080|v2|...`). */
  subset: string | undefined;
  /** Service port name of the Istio <= 1.9 inbound form (`inbound|9080|http|...`). */
  portName: string | undefined;
  /** Destination host (FQDN, or external host of a ServiceEntry). */
  host: string | undefined;
  /** Kubernetes service name: first label of `<svc>.<ns>.svc.<domain>`, or FSM's `<ns>/<svc>`. */
  service: string | undefined;
  namespace: string | undefined;
}

const PASSTHROUGH: ReadonlyMap<string, Readonly<UpstreamCluster>> = new Map([
  ['PassthroughCluster', cluster('outbound', undefined)],
  ['BlackHoleCluster', cluster('outbound', undefined)],
  ['InboundPassthroughCluster', cluster('inbound', SpanKind.SERVER)],
  ['InboundPassthroughClusterIpv4', cluster('inbound', SpanKind.SERVER)],
  ['InboundPassthroughClusterIpv6', cluster('inbound', SpanKind.SERVER)],
]);

function cluster(direction: 'inbound' | 'outbound', kindHint: SpanKind | undefined): UpstreamCluster {
  return { direction, kindHint, port: undefined, subset: undefined, portName: undefined, host: undefined, service: undefined, namespace: undefined };
}

/**
 * Parses the Istio forms `outbound|<port>|<subset>|<host>`, `inbound|<port>|<portName>|<host>` (Istio <= 1.9),
 * `inbound|<port>||` (Istio >= 1.10), the SNI form `outbound_.<port>_.<subset>_.<host>`, the waypoint
 * `inbound-vip|<port>|<proto>|<host>`, the passthrough clusters, and FSM's `<ns>/<svc>|<port>` (outbound) and
 * `<ns>/<svc>|<port>|local` (inbound). Anything else (plain Envoy cluster names) gives undefined: keep it raw.
 */
export function parseUpstreamCluster(value: string): Readonly<UpstreamCluster> | undefined {
  const fixed = PASSTHROUGH.get(value);
  if (fixed !== undefined) return fixed;
  if (value.startsWith('outbound|')) return parseIstio(value.split('|'), 'outbound', SpanKind.CLIENT, false);
  if (value.startsWith('inbound|')) return parseIstio(value.split('|'), 'inbound', SpanKind.SERVER, true);
  if (value.startsWith('outbound_.')) return parseIstio(value.split('_.'), 'outbound', SpanKind.CLIENT, false);
  // Waypoints act as a client of the destination on this cluster, so it says nothing about the span kind.
  if (value.startsWith('inbound-vip|')) return parseIstio(value.split('|'), 'inbound', undefined, true);
  return parseFsm(value);
}

function parseIstio(parts: string[], direction: 'inbound' | 'outbound', kindHint: SpanKind | undefined, thirdIsPortName: boolean): UpstreamCluster | undefined {
  if (parts.length !== 4) return undefined;
  const port = parsePort(parts[1] as string);
  if (port === undefined) return undefined;
  const third = parts[2] as string;
  const host = parts[3] as string;
  const out = cluster(direction, kindHint);
  out.port = port;
  if (third !== '') {
    if (thirdIsPortName) out.portName = third;
    else out.subset = third;
  }
  if (host !== '') {
    out.host = host;
    const labels = host.split('.');
    if (labels.length >= 3 && labels[2] === 'svc' && labels[0] !== '' && labels[1] !== '') {
      out.service = labels[0];
      out.namespace = labels[1];
    }
  }
  return out;
}

function parseFsm(value: string): UpstreamCluster | undefined {
  const slash = value.indexOf('/');
  if (slash <= 0) return undefined;
  const parts = value.split('|');
  const inbound = parts.length === 3 && parts[2] === 'local';
  if (parts.length !== 2 && !inbound) return undefined;
  const name = parts[0] as string;
  if (name.indexOf('/', slash + 1) >= 0 || slash === name.length - 1) return undefined;
  const port = parsePort(parts[1] as string);
  if (port === undefined) return undefined;
  const out = cluster(inbound ? 'inbound' : 'outbound', inbound ? SpanKind.SERVER : SpanKind.CLIENT);
  out.port = port;
  out.namespace = name.slice(0, slash);
  out.service = name.slice(slash + 1);
  return out;
}
