import type Database from 'better-sqlite3';
import type { ResourceSpans, ScopeSpans, TraceBatch } from '../../model/span.js';
import type { Origins } from './origins.js';
import { readSpanBody, type AttributeKeyName } from './spanBody.js';

/** A stored trace, spans grouped by resource and scope in the order they were stored; a fresh copy on each call. */
export function createTraceReader(db: Database.Database, origins: Origins, keyName: AttributeKeyName): (traceId: string, seq: number) => TraceBatch {
  // Resource and scope ids as numbers (they are small): no BigInt per row.
  const selectSpans = db.prepare('SELECT resource_id, scope_id, body FROM spans WHERE trace_seq = ? ORDER BY id').raw().safeIntegers(false);
  return (traceId, seq) => {
    const resources = new Map<number, { rs: ResourceSpans; scopes: Map<number, ScopeSpans> }>();
    for (const [resourceId, scopeId, body] of selectSpans.iterate(seq) as Iterable<[number, number, Buffer]>) {
      let r = resources.get(resourceId);
      if (r === undefined) {
        const { resource, schemaUrl } = origins.readResource(resourceId);
        r = { rs: { resource, schemaUrl, scopeSpans: [] }, scopes: new Map() };
        resources.set(resourceId, r);
      }
      let ss = r.scopes.get(scopeId);
      if (ss === undefined) {
        const { scope, schemaUrl } = origins.readScope(scopeId);
        ss = { scope, schemaUrl, spans: [] };
        r.scopes.set(scopeId, ss);
        r.rs.scopeSpans.push(ss);
      }
      ss.spans.push(readSpanBody(traceId, body, keyName));
    }
    return { resourceSpans: [...resources.values()].map((r) => r.rs) };
  };
}
