import { SpanKind, type Span } from '../../model/span.js';
import { PEER_SERVICE, SERVER_ADDRESS, SERVER_PORT } from './attributeNames.js';
import type { ServiceNameSource } from './config.js';
import { sharedBigInt } from './sharedBigInt.js';
import type { UpstreamCluster } from './parseUpstreamCluster.js';
import { serviceFromCluster } from './serviceFromCluster.js';

/**
 * Rule `peer_service` (docs/zipkin-mesh.md, "Peer service"): Envoy never sets a remote
 * endpoint, so the callee of an outbound sidecar span comes from its `outbound|<port>|<subset>|<host>` cluster:
 * `peer.service` (what dependency edges to uninstrumented callees are built from), `server.address`, `server.port`.
 * Values already on the span (a Zipkin remoteEndpoint) win. A SERVER span on an outbound cluster (a gateway's
 * downstream span) has no callee of its own and is skipped.
 */
export function mapPeerService(span: Span, cluster: Readonly<UpstreamCluster> | undefined, mode: ServiceNameSource): void {
  if (cluster === undefined || cluster.direction !== 'outbound' || span.kind === SpanKind.SERVER) return;
  const attrs = span.attributes;
  const peer = serviceFromCluster(cluster, mode);
  if (peer !== undefined && !attrs.has(PEER_SERVICE)) attrs.set(PEER_SERVICE, peer);
  if (cluster.host !== undefined && !attrs.has(SERVER_ADDRESS)) {
    attrs.set(SERVER_ADDRESS, cluster.host);
    if (cluster.port !== undefined) attrs.set(SERVER_PORT, sharedBigInt(cluster.port));
  }
}
