import type Database from 'better-sqlite3';
import type { InstrumentationScope, Resource, ResourceSpans, ScopeSpans, TraceBatch } from '../../model/span.js';
import { readResourceBody, readScopeBody, readSpanBody, type AttributeKeyName } from './spanBody.js';

/**
 * A stored trace, spans grouped by resource and scope in the order they were stored; a fresh copy on each call. Call
 * it inside a read transaction, so that the spans and the resources and scopes they name are of one moment.
 */
export function createTraceReader(db: Database.Database, keyName: AttributeKeyName): (traceId: string, seq: number) => TraceBatch {
  // Resource and scope ids as numbers (they are small): no BigInt per row.
  const selectSpans = db.prepare('SELECT resource_id, scope_id, body FROM spans WHERE trace_seq = ? ORDER BY id').raw().safeIntegers(false);
  const resourceBody = db.prepare('SELECT body FROM resources WHERE id = ?').pluck();
  const scopeBody = db.prepare('SELECT body FROM scopes WHERE id = ?').pluck();

  function bodyOf(select: Database.Statement, id: number, what: string): Buffer {
    const body = select.get(id) as Buffer | undefined;
    if (body === undefined) throw new Error(`${what} ${id} is missing from the store`);
    return body;
  }

  function readResource(id: number): { resource: Resource; schemaUrl: string } {
    return readResourceBody(bodyOf(resourceBody, id, 'resource'));
  }

  function readScope(id: number): { scope: InstrumentationScope; schemaUrl: string } {
    return readScopeBody(bodyOf(scopeBody, id, 'scope'));
  }

  return (traceId, seq) => {
    const resources = new Map<number, { rs: ResourceSpans; scopes: Map<number, ScopeSpans> }>();
    for (const [resourceId, scopeId, body] of selectSpans.iterate(seq) as Iterable<[number, number, Buffer]>) {
      let r = resources.get(resourceId);
      if (r === undefined) {
        const { resource, schemaUrl } = readResource(resourceId);
        r = { rs: { resource, schemaUrl, scopeSpans: [] }, scopes: new Map() };
        resources.set(resourceId, r);
      }
      let ss = r.scopes.get(scopeId);
      if (ss === undefined) {
        const { scope, schemaUrl } = readScope(scopeId);
        ss = { scope, schemaUrl, spans: [] };
        r.scopes.set(scopeId, ss);
        r.rs.scopeSpans.push(ss);
      }
      ss.spans.push(readSpanBody(traceId, body, keyName));
    }
    return { resourceSpans: [...resources.values()].map((r) => r.rs) };
  };
}
