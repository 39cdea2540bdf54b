import { FNV_OFFSET, fmix32, fnvText } from '../../model/hashing.js';

// Consistent hashing over the backends, as the Collector's loadbalancing exporter does it: every backend owns many
// points ("virtual nodes") on a 32-bit ring, and a key belongs to the backend of the first point at or after the key's
// own hash. Adding or removing one of N backends therefore moves only the keys between its points and their
// predecessors, about 1/N of them, and every moved key moves to or from that backend.

/** Points per backend: enough that each backend's share stays within a few per cent of 1/N. */
export const VIRTUAL_NODES = 160;

/** A 32-bit hash: FNV-1a over the UTF-16 code units, then MurmurHash3's finaliser so nearby strings spread apart. */
export function hash32(text: string): number {
  return fmix32(fnvText(FNV_OFFSET, text));
}

export interface HashRing {
  /** The backends on the ring, sorted. */
  readonly endpoints: readonly string[];
  /** The backend that owns `key`; undefined when the ring is empty. */
  owner(key: string): string | undefined;
}

/** A ring over these backends. The same set gives the same ring whatever the order, in every process. */
export function createHashRing(backends: Iterable<string>, virtualNodes = VIRTUAL_NODES): HashRing {
  const endpoints = [...new Set(backends)].sort();
  const points: Array<{ at: number; endpoint: string }> = [];
  for (const endpoint of endpoints) for (let i = 0; i < virtualNodes; i++) points.push({ at: hash32(`${endpoint}#${i}`), endpoint });
  // Ties (rare) are broken by name, so every balancer agrees on the owner.
  points.sort((a, b) => a.at - b.at || (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
  const at = Uint32Array.from(points, (p) => p.at);
  const owners = points.map((p) => p.endpoint);
  return {
    endpoints,
    owner(key) {
      if (owners.length === 0) return undefined;
      const h = hash32(key);
      let lo = 0;
      let hi = at.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((at[mid] as number) < h) lo = mid + 1;
        else hi = mid;
      }
      return owners[lo === at.length ? 0 : lo];
    },
  };
}
