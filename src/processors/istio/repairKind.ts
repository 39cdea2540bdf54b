import { ZIPKIN_KIND_REPAIRED } from '../../model/attributeNames.js';
import { SpanKind, type Span } from '../../model/span.js';
import type { UpstreamCluster } from './parseUpstreamCluster.js';

/** Values of `zipkin.kind_repaired` this rule writes. */
export const KIND_REPAIRED_INBOUND = 'upstream_cluster_inbound';
export const KIND_REPAIRED_OUTBOUND = 'upstream_cluster_outbound';

/**
 * Rule `span_kind` (docs/zipkin-mesh.md, "Kind repair"): Istio 1.1-1.7 sidecars reported every span as CLIENT
 * (envoyproxy/envoy#13141), so an
 * inbound cluster (`inbound|...`, `InboundPassthroughCluster*`) turns CLIENT (or no kind) into SERVER. An outbound
 * cluster only fills a missing kind: a gateway in spawn mode legitimately reports a SERVER span on an outbound
 * cluster, and such spans must not be repaired.
 */
export function repairKind(span: Span, cluster: Readonly<UpstreamCluster> | undefined): void {
  const hint = cluster?.kindHint;
  if (hint === undefined || span.kind === hint) return;
  if (hint === SpanKind.SERVER && (span.kind === SpanKind.CLIENT || span.kind === SpanKind.UNSPECIFIED)) {
    span.kind = SpanKind.SERVER;
    span.attributes.set(ZIPKIN_KIND_REPAIRED, KIND_REPAIRED_INBOUND);
  } else if (hint === SpanKind.CLIENT && span.kind === SpanKind.UNSPECIFIED) {
    span.kind = SpanKind.CLIENT;
    span.attributes.set(ZIPKIN_KIND_REPAIRED, KIND_REPAIRED_OUTBOUND);
  }
}
