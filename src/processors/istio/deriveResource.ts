import { getString } from '../../model/attributes.js';
import { ZIPKIN_LOCAL_SERVICE_NAME } from '../../model/attributeNames.js';
import type { Attributes } from '../../model/span.js';
import {
  CLOUD_AVAILABILITY_ZONE,
  ENVOY_NODE_ID,
  ENVOY_ZONE,
  ISTIO_CANONICAL_REVISION,
  ISTIO_CANONICAL_SERVICE,
  ISTIO_CLUSTER_ID,
  ISTIO_MESH_ID,
  ISTIO_NAMESPACE,
  ISTIO_PROXY_TYPE,
  K8S_CLUSTER_NAME,
  K8S_NAMESPACE_NAME,
  K8S_POD_IP,
  K8S_POD_NAME,
  K8S_POD_UID,
  SERVICE_NAME,
  SERVICE_NAMESPACE,
  SERVICE_VERSION,
  UNKNOWN_SERVICE,
} from './attributeNames.js';
import type { ServiceNameSource } from './config.js';
import { dropTag } from './dropTag.js';
import type { NodeId } from './parseNodeId.js';
import type { UpstreamCluster } from './parseUpstreamCluster.js';
import { serviceFromCluster } from './serviceFromCluster.js';

export interface ResourceRules {
  serviceName: boolean;
  resourceAttributes: boolean;
  serviceNameSource: ServiceNameSource;
  keepOriginals: boolean;
}

const RESOURCE_TAGS = [ISTIO_NAMESPACE, ISTIO_CANONICAL_REVISION, ISTIO_MESH_ID, ISTIO_CLUSTER_ID, ENVOY_ZONE];

/**
 * What a sidecar span says about its resource: attributes to set, flat as `[key0, value0, key1, value1, ...]` so one
 * array can be reused for every span.
 */
export type ResourcePatch = string[];

/** A tag value that is absent, empty, or Istio's "not known" default (`unknown`, `latest`) counts as missing. */
function known(attrs: Attributes, key: string, placeholder: string): string | undefined {
  const v = getString(attrs, key);
  return v === undefined || v === '' || v === placeholder ? undefined : v;
}

/**
 * Rules `service_name` and `resource_attributes` (docs/zipkin-mesh.md, "Service names" and "Resource attributes"):
 * pushes onto `out` the resource
 * attributes the span's tags imply, and removes the tags it used unless originals are kept. The original
 * `localEndpoint.serviceName` stays on the span as `zipkin.local_service_name` when the name changes.
 */
export function deriveResource(
  attrs: Attributes,
  originalService: string | undefined,
  cluster: Readonly<UpstreamCluster> | undefined,
  node: Readonly<NodeId> | undefined,
  rules: ResourceRules,
  out: ResourcePatch,
): void {
  const istioNode = node?.mesh === 'istio' ? node : undefined;
  const inbound = cluster?.direction === 'inbound' ? cluster : undefined;
  if (rules.serviceName) {
    const original = originalService === '' ? undefined : originalService;
    let name = rules.serviceNameSource === 'zipkin' ? original : undefined;
    // The pod's workload before the inbound cluster host: outbound spans of the same pod know only the workload, and
    // one service must not show up under two names. Edges pair spans by id, so peer.service need not match.
    name ??= known(attrs, ISTIO_CANONICAL_SERVICE, 'unknown') ?? istioNode?.workload;
    if (name === undefined && inbound !== undefined) name = serviceFromCluster(inbound, rules.serviceNameSource);
    name ??= original ?? UNKNOWN_SERVICE;
    if (name !== originalService) {
      out.push(SERVICE_NAME, name);
      if (original !== undefined && !attrs.has(ZIPKIN_LOCAL_SERVICE_NAME)) attrs.set(ZIPKIN_LOCAL_SERVICE_NAME, original);
    }
    dropTag(attrs, ISTIO_CANONICAL_SERVICE, rules.keepOriginals);
  }
  if (!rules.resourceAttributes) return;
  const namespace = known(attrs, ISTIO_NAMESPACE, '') ?? istioNode?.namespace ?? inbound?.namespace;
  if (namespace !== undefined) out.push(SERVICE_NAMESPACE, namespace, K8S_NAMESPACE_NAME, namespace);
  const version = known(attrs, ISTIO_CANONICAL_REVISION, 'latest');
  if (version !== undefined) out.push(SERVICE_VERSION, version);
  const mesh = known(attrs, ISTIO_MESH_ID, 'unknown');
  if (mesh !== undefined) out.push(ISTIO_MESH_ID, mesh);
  const clusterId = known(attrs, ISTIO_CLUSTER_ID, 'unknown');
  if (clusterId !== undefined) out.push(K8S_CLUSTER_NAME, clusterId);
  const zone = known(attrs, ENVOY_ZONE, '');
  if (zone !== undefined) out.push(CLOUD_AVAILABILITY_ZONE, zone);
  for (const key of RESOURCE_TAGS) dropTag(attrs, key, rules.keepOriginals);
  if (istioNode !== undefined) {
    out.push(K8S_POD_NAME, istioNode.podName, ISTIO_PROXY_TYPE, istioNode.proxyType);
    if (istioNode.podIp !== undefined) out.push(K8S_POD_IP, istioNode.podIp);
    dropTag(attrs, ENVOY_NODE_ID, rules.keepOriginals);
  } else if (node?.mesh === 'fsm') {
    out.push(K8S_POD_UID, node.podUid);
    dropTag(attrs, ENVOY_NODE_ID, rules.keepOriginals);
  }
}
