import { attributesKey } from '../../model/attributes.js';
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
  scopes: Map<string, ScopeSpans>;
}

// Resources and scopes are found by a key of everything that makes them equal (model/attributes.ts attributesKey):
// one Map lookup per ResourceSpans and ScopeSpans added, whatever the number of resources held. With one resource per
// pod, comparing with every resource of the same service made the cost grow with the number of pods.
function resourceKey(rs: ResourceSpans): string {
  return `${rs.resource.droppedAttributesCount}\u0000${rs.schemaUrl.length}:${rs.schemaUrl}${attributesKey(rs.resource.attributes)}`;
}

function scopeKey(ss: ScopeSpans): string {
  const s = ss.scope;
  return `${s.droppedAttributesCount}\u0000${ss.schemaUrl.length}:${ss.schemaUrl}${s.name.length}:${s.name}${s.version.length}:${s.version}${attributesKey(s.attributes)}`;
}

export function createBatchBuilder(): BatchBuilder {
  const out: TraceBatch = { resourceSpans: [] };
  const resources = new Map<string, Entry>();

  function addScope(entry: Entry, ss: ScopeSpans): void {
    const key = scopeKey(ss);
    const same = entry.scopes.get(key);
    if (same) {
      for (const s of ss.spans) same.spans.push(s);
      return;
    }
    entry.rs.scopeSpans.push(ss);
    entry.scopes.set(key, ss);
  }

  return {
    add(batch) {
      for (const rs of batch.resourceSpans) {
        const key = resourceKey(rs);
        const same = resources.get(key);
        if (same) {
          for (const ss of rs.scopeSpans) addScope(same, ss);
          continue;
        }
        const entry: Entry = { rs: { ...rs, scopeSpans: [] }, scopes: new Map() };
        for (const ss of rs.scopeSpans) addScope(entry, ss);
        out.resourceSpans.push(entry.rs);
        resources.set(key, entry);
      }
      batch.resourceSpans = [];
    },
    build() {
      return out;
    },
  };
}
