import { LRUCache } from 'lru-cache';
import { parseNodeId, type NodeId } from './parseNodeId.js';
import { parseUpstreamCluster, type UpstreamCluster } from './parseUpstreamCluster.js';

/**
 * Memoized parsers for the two structured Envoy tags. A mesh has few distinct clusters and proxies, so nearly every
 * span is a hit; `false` records a value that is not in a known form. Bounded: past `maxEntries` values per tag the
 * least recently used is forgotten.
 */
export interface TagParsers {
  cluster(value: string): Readonly<UpstreamCluster> | undefined;
  node(value: string): Readonly<NodeId> | undefined;
  clear(): void;
}

export function createTagParsers(maxEntries: number): TagParsers {
  const clusters = new LRUCache<string, Readonly<UpstreamCluster> | false>({ max: maxEntries });
  const nodes = new LRUCache<string, Readonly<NodeId> | false>({ max: maxEntries });
  return {
    cluster(value) {
      let v = clusters.get(value);
      if (v === undefined) {
        v = parseUpstreamCluster(value) ?? false;
        clusters.set(value, v);
      }
      return v || undefined;
    },
    node(value) {
      let v = nodes.get(value);
      if (v === undefined) {
        v = parseNodeId(value) ?? false;
        nodes.set(value, v);
      }
      return v || undefined;
    },
    clear() {
      clusters.clear();
      nodes.clear();
    },
  };
}
