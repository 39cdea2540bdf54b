import type { ServiceNameSource } from './config.js';
import type { UpstreamCluster } from './parseUpstreamCluster.js';

/**
 * The service a cluster names, spelled the way that mode spells local services so caller and callee meet: `canonical`
 * gives the Kubernetes service (`reviews`, Istio's canonical service defaults to it), `zipkin` gives Istio's
 * service-cluster form `<app>.<namespace>` (Envoy's `localEndpoint.serviceName` in Istio). Hosts outside the cluster
 * (ServiceEntry) stay whole.
 */
export function serviceFromCluster(cluster: Readonly<UpstreamCluster>, mode: ServiceNameSource): string | undefined {
  if (cluster.service === undefined) return cluster.host;
  if (mode === 'zipkin' && cluster.namespace !== undefined && cluster.host !== undefined) return `${cluster.service}.${cluster.namespace}`;
  return cluster.service;
}
