import type { Attributes } from '../../model/span.js';
import {
  ISTIO_DESTINATION_HOST,
  ISTIO_DESTINATION_NAMESPACE,
  ISTIO_DESTINATION_PORT,
  ISTIO_DESTINATION_PORT_NAME,
  ISTIO_DESTINATION_SERVICE,
  ISTIO_DESTINATION_SUBSET,
  ISTIO_DIRECTION,
} from './attributeNames.js';
import type { UpstreamCluster } from './parseUpstreamCluster.js';
import { sharedBigInt } from './sharedBigInt.js';

/**
 * A parsed `upstream_cluster` as span attributes (docs/zipkin-mesh.md, "Semantic conventions"). The service and
 * namespace are written only for FSM clusters, which name no host (`<ns>/<svc>|<port>`).
 */
export function setClusterAttributes(attrs: Attributes, cluster: Readonly<UpstreamCluster>): void {
  attrs.set(ISTIO_DIRECTION, cluster.direction);
  if (cluster.port !== undefined) attrs.set(ISTIO_DESTINATION_PORT, sharedBigInt(cluster.port));
  if (cluster.subset !== undefined) attrs.set(ISTIO_DESTINATION_SUBSET, cluster.subset);
  if (cluster.portName !== undefined) attrs.set(ISTIO_DESTINATION_PORT_NAME, cluster.portName);
  if (cluster.host !== undefined) attrs.set(ISTIO_DESTINATION_HOST, cluster.host);
  else if (cluster.service !== undefined) {
    attrs.set(ISTIO_DESTINATION_SERVICE, cluster.service);
    if (cluster.namespace !== undefined) attrs.set(ISTIO_DESTINATION_NAMESPACE, cluster.namespace);
  }
}
