import { releaseSpans } from '../../model/batch.js';
import { resourceHash, sameResource, sameScope, scopeKey } from '../../model/resourceIdentity.js';
import type { ResourceSpans, ScopeSpans, TraceBatch } from '../../model/span.js';

/** Collects batches into one, joining ResourceSpans of equal resources and, inside them, ScopeSpans of equal scopes. */
export interface BatchBuilder {
  /** Moves the spans of `batch` (owned by the caller) into the batch being built. */
  add(batch: TraceBatch): void;
  /** The batch built so far; the builder must not be used afterwards. */
  build(): TraceBatch;
}

interface Entry {
  rs: ResourceSpans;
  scopes: Map<string, ScopeSpans[]>;
}

export function createBatchBuilder(): BatchBuilder {
  const out: TraceBatch = { resourceSpans: [] };
  const resources = new Map<number, Entry[]>();

  function addScope(entry: Entry, ss: ScopeSpans): void {
    const key = scopeKey(ss);
    const candidates = entry.scopes.get(key);
    const same = candidates?.find((c) => sameScope(c, ss));
    if (same) {
      for (const s of ss.spans) same.spans.push(s);
      return;
    }
    entry.rs.scopeSpans.push(ss);
    if (candidates) candidates.push(ss);
    else entry.scopes.set(key, [ss]);
  }

  return {
    add(batch) {
      for (const rs of batch.resourceSpans) {
        const hash = resourceHash(rs);
        const candidates = resources.get(hash);
        const same = candidates?.find((c) => sameResource(c.rs, rs));
        if (same) {
          for (const ss of rs.scopeSpans) addScope(same, ss);
          continue;
        }
        const entry: Entry = { rs: { ...rs, scopeSpans: [] }, scopes: new Map() };
        for (const ss of rs.scopeSpans) addScope(entry, ss);
        out.resourceSpans.push(entry.rs);
        if (candidates) candidates.push(entry);
        else resources.set(hash, [entry]);
      }
      releaseSpans(batch);
    },
    build() {
      return out;
    },
  };
}
