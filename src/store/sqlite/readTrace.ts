import type Database from 'better-sqlite3';
import type { ResourceSpans, ScopeSpans, TraceBatch } from '../../model/span.js';
import type { Origins } from './origins.js';
import { readSpanBody } from './spanBody.js';

/** A stored trace, spans grouped by resource and scope in the order they were stored; a fresh copy on each call. */
export function createTraceReader(db: Database.Database, origins: Origins): (traceId: string, seq: number) => TraceBatch {
  const selectSpans = db.prepare('SELECT resource_id, scope_id, body FROM spans WHERE trace_seq = ? ORDER BY id').raw();
  return (traceId, seq) => {
    const resources = new Map<bigint, { rs: ResourceSpans; scopes: Map<bigint, ScopeSpans> }>();
    for (const [resourceId, scopeId, body] of selectSpans.iterate(seq) as Iterable<[bigint, bigint, Buffer]>) {
      let r = resources.get(resourceId);
      if (r === undefined) {
        const { resource, schemaUrl } = origins.readResource(Number(resourceId));
        r = { rs: { resource, schemaUrl, scopeSpans: [] }, scopes: new Map() };
        resources.set(resourceId, r);
      }
      let ss = r.scopes.get(scopeId);
      if (ss === undefined) {
        const { scope, schemaUrl } = origins.readScope(Number(scopeId));
        ss = { scope, schemaUrl, spans: [] };
        r.scopes.set(scopeId, ss);
        r.rs.scopeSpans.push(ss);
      }
      ss.spans.push(readSpanBody(traceId, body));
    }
    return { resourceSpans: [...resources.values()].map((r) => r.rs) };
  };
}
