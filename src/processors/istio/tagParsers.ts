import { parseNodeId, type NodeId } from './parseNodeId.js';
import { parseUpstreamCluster, type UpstreamCluster } from './parseUpstreamCluster.js';

/**
 * Memoized parsers for the two structured Envoy tags. A mesh has few distinct clusters and proxies, so nearly every
 * span is a hit; `null` records a value that is not in a known form. Bounded: a memo that reaches `maxEntries` is
 * emptied and refills (cheaper per hit than keeping recency, and a mesh rarely gets near the bound).
 */
export interface TagParsers {
  cluster(value: string): Readonly<UpstreamCluster> | undefined;
  node(value: string): Readonly<NodeId> | undefined;
  clear(): void;
}

export function createTagParsers(maxEntries: number): TagParsers {
  const clusters = new Map<string, Readonly<UpstreamCluster> | null>();
  const nodes = new Map<string, Readonly<NodeId> | null>();
  return {
    cluster(value) {
      let v = clusters.get(value);
      if (v === undefined) {
        v = parseUpstreamCluster(value) ?? null;
        if (clusters.size >= maxEntries) clusters.clear();
        clusters.set(value, v);
      }
      return v ?? undefined;
    },
    node(value) {
      let v = nodes.get(value);
      if (v === undefined) {
        v = parseNodeId(value) ?? null;
        if (nodes.size >= maxEntries) nodes.clear();
        nodes.set(value, v);
      }
      return v ?? undefined;
    },
    clear() {
      clusters.clear();
      nodes.clear();
    },
  };
}
