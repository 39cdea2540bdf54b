import { getString } from '../../model/attributes.js';
import type { Attributes } from '../../model/span.js';
import { ENVOY_COMPONENT, ENVOY_NODE_ID, ENVOY_REQUEST_ID, ENVOY_UPSTREAM_CLUSTER } from './attributeNames.js';
import { isUuid } from './parseNodeId.js';

export type SidecarSource = 'envoy' | 'fsm';

/**
 * A proxy span has `component=proxy` and at least one of `upstream_cluster`, `node_id`, `guid:x-request-id` (the tags
 * Envoy and FSM set); an FSM (Pipy) sidecar additionally has a UUID `node_id` (its pod UID).
 * Everything else is an application span and the mesh rules leave it alone.
 */
export function detectSidecar(attributes: Attributes): SidecarSource | undefined {
  if (attributes.get(ENVOY_COMPONENT) !== 'proxy') return undefined;
  const nodeId = getString(attributes, ENVOY_NODE_ID);
  if (nodeId === undefined && !attributes.has(ENVOY_UPSTREAM_CLUSTER) && !attributes.has(ENVOY_REQUEST_ID)) return undefined;
  return nodeId !== undefined && isUuid(nodeId) ? 'fsm' : 'envoy';
}
