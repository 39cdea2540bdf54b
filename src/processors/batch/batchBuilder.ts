import { attributesEqual, attributesHash } from '../../model/attributes.js';
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

// Resources and scopes are found by a hash of everything that makes them equal (model/attributes.ts attributesHash):
// one Map lookup and, almost always, one comparison per ResourceSpans and ScopeSpans added, however many resources
// are held. (With one resource per pod, comparing with every resource of the same service made the cost grow with
// the number of pods.)
function resourceHash(rs: ResourceSpans): number {
  return (attributesHash(rs.resource.attributes) + Math.imul(rs.resource.droppedAttributesCount, 31) + rs.schemaUrl.length) | 0;
}

function scopeKey(ss: ScopeSpans): string {
  const s = ss.scope;
  return `${ss.schemaUrl}\u0000${s.name}\u0000${s.version}\u0000${s.droppedAttributesCount}\u0000${s.attributes.size === 0 ? 0 : attributesHash(s.attributes)}`;
}

function sameResource(a: ResourceSpans, b: ResourceSpans): boolean {
  return a.resource === b.resource || (a.schemaUrl === b.schemaUrl && a.resource.droppedAttributesCount === b.resource.droppedAttributesCount && attributesEqual(a.resource.attributes, b.resource.attributes));
}

function sameScope(a: ScopeSpans, b: ScopeSpans): boolean {
  return a.scope === b.scope || (a.schemaUrl === b.schemaUrl && a.scope.name === b.scope.name && a.scope.version === b.scope.version && a.scope.droppedAttributesCount === b.scope.droppedAttributesCount && attributesEqual(a.scope.attributes, b.scope.attributes));
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
      batch.resourceSpans = [];
    },
    build() {
      return out;
    },
  };
}
