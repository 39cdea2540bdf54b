import type { ResourceSpans, ScopeSpans, TraceBatch } from '../../model/span.js';
import type { ModelledZipkinSpan } from './zipkinSpanToModel.js';
import { SERVICE_NAME } from './tagNames.js';

interface ResourceEntry {
  rs: ResourceSpans;
  scopes: Map<string, ScopeSpans>;
  /** The scope the previous span of this resource went to: nearly every span of a service shares it. */
  last: ScopeSpans | undefined;
}

/**
 * Groups spans into one ResourceSpans per local service name (spans without one share a resource with no
 * attributes) and one ScopeSpans per scope name and version (spec section 2.2), in order of first appearance.
 */
export function zipkinSpansToBatch(spans: Iterable<ModelledZipkinSpan>): TraceBatch {
  const resources = new Map<string | undefined, ResourceEntry>();
  for (const m of spans) {
    let r = resources.get(m.serviceName);
    if (!r) {
      const attributes = new Map(m.serviceName === undefined ? [] : [[SERVICE_NAME, m.serviceName]]);
      r = { rs: { resource: { attributes, droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [] }, scopes: new Map(), last: undefined };
      resources.set(m.serviceName, r);
    }
    let ss = r.last;
    if (ss === undefined || ss.scope.name !== m.scopeName || ss.scope.version !== m.scopeVersion) {
      const scopeKey = `${m.scopeName}\u0000${m.scopeVersion}`;
      ss = r.scopes.get(scopeKey);
      if (!ss) {
        ss = { scope: { name: m.scopeName, version: m.scopeVersion, attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [] };
        r.scopes.set(scopeKey, ss);
        r.rs.scopeSpans.push(ss);
      }
      r.last = ss;
    }
    ss.spans.push(m.span);
  }
  const out: ResourceSpans[] = [];
  for (const r of resources.values()) out.push(r.rs);
  return { resourceSpans: out };
}
