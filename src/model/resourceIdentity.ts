// Which ResourceSpans and ScopeSpans of a batch are the same origin and may be joined. Resources and scopes are found by
// a hash of everything that makes them equal (attributes.ts attributesHash): one Map lookup and, almost always, one
// comparison per ResourceSpans or ScopeSpans, however many are held. (With one resource per pod, comparing with every
// resource of the same service made the cost grow with the number of pods.)
import { attributesEqual, attributesHash } from './attributes.js';
import type { ResourceSpans, ScopeSpans } from './span.js';

/** Equal for ResourceSpans that sameResource calls equal. */
export function resourceHash(rs: Pick<ResourceSpans, 'resource' | 'schemaUrl'>): number {
  return (attributesHash(rs.resource.attributes) + Math.imul(rs.resource.droppedAttributesCount, 31) + rs.schemaUrl.length) | 0;
}

/** Equal for ScopeSpans that sameScope calls equal. */
export function scopeKey(ss: ScopeSpans): string {
  const s = ss.scope;
  return `${ss.schemaUrl}\u0000${s.name}\u0000${s.version}\u0000${s.droppedAttributesCount}\u0000${s.attributes.size === 0 ? 0 : attributesHash(s.attributes)}`;
}

export function sameResource(a: Pick<ResourceSpans, 'resource' | 'schemaUrl'>, b: Pick<ResourceSpans, 'resource' | 'schemaUrl'>): boolean {
  return a.resource === b.resource || (a.schemaUrl === b.schemaUrl && a.resource.droppedAttributesCount === b.resource.droppedAttributesCount && attributesEqual(a.resource.attributes, b.resource.attributes));
}

export function sameScope(a: ScopeSpans, b: ScopeSpans): boolean {
  return a.scope === b.scope || (a.schemaUrl === b.schemaUrl && a.scope.name === b.scope.name && a.scope.version === b.scope.version && a.scope.droppedAttributesCount === b.scope.droppedAttributesCount && attributesEqual(a.scope.attributes, b.scope.attributes));
}
