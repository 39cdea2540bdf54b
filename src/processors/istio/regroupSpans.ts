import { cloneAttributes, getString } from '../../model/attributes.js';
import { sameResource, sameScope } from '../../model/resourceIdentity.js';
import type { Attributes, ResourceSpans, ScopeSpans, Span, TraceBatch } from '../../model/span.js';
import { SERVICE_NAME } from './attributeNames.js';
import type { ResourcePatch } from './deriveResource.js';

/** Spans of one ResourceSpans that leave it for the same resulting resource, by the scope they were in. */
export interface MoveGroup {
  from: ResourceSpans;
  patch: ResourcePatch;
  byScope: Map<ScopeSpans, Span[]>;
}

/** Whether applying `patch` would change `resource`. */
export function patchChanges(patch: ResourcePatch, resource: Attributes): boolean {
  for (let i = 0; i < patch.length; i += 2) if (resource.get(patch[i] as string) !== patch[i + 1]) return true;
  return false;
}

export function patchesEqual(a: ResourcePatch, b: ResourcePatch): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Moves the spans of each group (already removed from their scopes) into the ResourceSpans whose resource is the
 * group's resource with its patch applied: an existing one with an equal resource (so spans of one service end up
 * together), else a new one. Scopes are matched the same way. Resources and scopes the moves emptied are removed;
 * nothing else in the batch changes.
 */
export function moveSpans(batch: TraceBatch, groups: Iterable<MoveGroup>): void {
  // Candidates by service name: a group is compared only with the resources of its service in this one request (one
  // per pod at most), which differ in their first attributes; hashing every resource of the batch cost more.
  const byService = new Map<string, ResourceSpans[]>();
  const serviceOf = (rs: ResourceSpans): string => getString(rs.resource.attributes, SERVICE_NAME) ?? '';
  for (const rs of batch.resourceSpans) addTo(byService, serviceOf(rs), rs);
  const sources = new Set<ResourceSpans>();
  for (const g of groups) {
    sources.add(g.from);
    const attributes = cloneAttributes(g.from.resource.attributes);
    for (let i = 0; i < g.patch.length; i += 2) attributes.set(g.patch[i] as string, g.patch[i + 1] as string);
    const wanted = { resource: { attributes, droppedAttributesCount: g.from.resource.droppedAttributesCount }, schemaUrl: g.from.schemaUrl };
    const service = getString(attributes, SERVICE_NAME) ?? '';
    let target = byService.get(service)?.find((rs) => sameResource(rs, wanted));
    if (target === undefined) {
      target = { ...wanted, scopeSpans: [] };
      batch.resourceSpans.push(target);
      addTo(byService, service, target);
    }
    g.byScope.forEach((spans, scope) => {
      const into = findOrAddScope(target, scope);
      for (const s of spans) into.spans.push(s);
    });
  }
  batch.resourceSpans = batch.resourceSpans.filter((rs) => {
    if (!sources.has(rs)) return true;
    rs.scopeSpans = rs.scopeSpans.filter((ss) => ss.spans.length > 0);
    return rs.scopeSpans.length > 0;
  });
}

function addTo(index: Map<string, ResourceSpans[]>, key: string, rs: ResourceSpans): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [rs]);
  else list.push(rs);
}

function findOrAddScope(target: ResourceSpans, like: ScopeSpans): ScopeSpans {
  const s = like.scope;
  const found = target.scopeSpans.find((x) => x === like || sameScope(x, like));
  if (found !== undefined) return found;
  const created: ScopeSpans = { scope: { ...s, attributes: cloneAttributes(s.attributes) }, schemaUrl: like.schemaUrl, spans: [] };
  target.scopeSpans.push(created);
  return created;
}
