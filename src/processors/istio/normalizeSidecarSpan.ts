import { getString } from '../../model/attributes.js';
import { SPAN_ORIGIN, TELEMETRY_SOURCE } from '../../model/attributeNames.js';
import type { Span } from '../../model/span.js';
import { ENVOY_NODE_ID, ENVOY_UPSTREAM_CLUSTER } from './attributeNames.js';
import type { ServiceNameSource } from './config.js';
import { deriveResource, type ResourcePatch } from './deriveResource.js';
import { deriveStatus } from './deriveStatus.js';
import type { SidecarSource } from './detectSidecar.js';
import { mapPeerService } from './mapPeerService.js';
import { mapSemanticConventions } from './mapSemanticConventions.js';
import { repairKind } from './repairKind.js';
import type { TagParsers } from './tagParsers.js';

/** The per-span rules, each switchable (config keys of the same names in snake case). */
export interface SidecarRules {
  spanKind: boolean;
  serviceName: boolean;
  serviceNameSource: ServiceNameSource;
  resourceAttributes: boolean;
  peerService: boolean;
  semanticConventions: boolean;
  keepOriginals: boolean;
  markProxySpans: boolean;
}

/**
 * Applies the stateless rules (docs/zipkin-mesh.md, "The istio processor") to one sidecar span in place, and pushes
 * onto `patch` the resource attributes it implies. Order matters: the kind is repaired first because the peer and
 * error rules read it; the cluster and node tags are parsed before the rules that may remove them.
 */
export function normalizeSidecarSpan(
  span: Span,
  source: SidecarSource,
  originalService: string | undefined,
  rules: SidecarRules,
  parsers: TagParsers,
  patch: ResourcePatch,
): void {
  const attrs = span.attributes;
  const clusterTag = getString(attrs, ENVOY_UPSTREAM_CLUSTER);
  const cluster = clusterTag === undefined ? undefined : parsers.cluster(clusterTag);
  const nodeTag = getString(attrs, ENVOY_NODE_ID);
  const node = nodeTag === undefined ? undefined : parsers.node(nodeTag);
  if (rules.spanKind) repairKind(span, cluster);
  if (rules.serviceName || rules.resourceAttributes) deriveResource(attrs, originalService, cluster, node, rules, patch);
  if (rules.peerService) mapPeerService(span, cluster, rules.serviceNameSource);
  if (rules.semanticConventions) {
    mapSemanticConventions(attrs, cluster, rules.keepOriginals);
    deriveStatus(span, rules.keepOriginals);
  }
  if (rules.markProxySpans) {
    attrs.set(SPAN_ORIGIN, 'proxy');
    attrs.set(TELEMETRY_SOURCE, source);
  }
}
