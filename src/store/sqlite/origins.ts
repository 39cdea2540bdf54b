import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { InstrumentationScope, Resource } from '../../model/span.js';
import { ByteWriter } from './byteWriter.js';
import { writeResourceBody, writeScopeBody } from './spanBody.js';

// Resources and scopes are stored once each (README.md, "Resources and scopes"), found again by a digest of their
// body, and remembered by id in memory (by the writer; readers read their bodies, readTrace.ts). `last_seen_ns` (the
// latest start of a span that uses one) lets retention delete those no stored span uses any more.

/** Each memory cache keeps the ids used last, this many. */
const MAX_CACHED = 10_000;

export interface Origins {
  /** The id of a resource, storing it when new; `attrsText` gives its attribute index text when it is. */
  resourceId(resource: Resource, schemaUrl: string, serviceId: number, attrsText: () => string): number;
  scopeId(scope: InstrumentationScope, schemaUrl: string): number;
  /** Records that spans starting at `startNanos` use the resource and scope. */
  seen(resourceId: number, scopeId: number, startNanos: bigint): void;
  /** Writes the `seen` times gathered since the last flush. */
  flushSeen(): void;
  /** Deletes those last used before the cutoff. */
  deleteUnusedBefore(cutoffNanos: bigint): void;
  /** Forgets the memory caches (after a rolled-back write). */
  forget(): void;
}

export function createOrigins(db: Database.Database): Origins {
  const writer = new ByteWriter(1024);
  const findResource = db.prepare('SELECT id FROM resources WHERE digest = ?').pluck();
  const insertResource = db.prepare('INSERT INTO resources (digest, service_id, attrs, last_seen_ns, body) VALUES (?, ?, ?, 0, ?)');
  const touchResource = db.prepare('UPDATE resources SET last_seen_ns = max(last_seen_ns, ?) WHERE id = ?');
  const findScope = db.prepare('SELECT id FROM scopes WHERE digest = ?').pluck();
  const insertScope = db.prepare('INSERT INTO scopes (digest, last_seen_ns, body) VALUES (?, 0, ?)');
  const touchScope = db.prepare('UPDATE scopes SET last_seen_ns = max(last_seen_ns, ?) WHERE id = ?');
  const deleteResources = db.prepare('DELETE FROM resources WHERE last_seen_ns < ?');
  const deleteScopes = db.prepare('DELETE FROM scopes WHERE last_seen_ns < ?');

  const resourceIds = new LRUCache<string, number>({ max: MAX_CACHED });
  const scopeIds = new LRUCache<string, number>({ max: MAX_CACHED });
  const resourceSeen = new Map<number, bigint>();
  const scopeSeen = new Map<number, bigint>();

  function note(seen: Map<number, bigint>, id: number, t: bigint): void {
    const prev = seen.get(id);
    if (prev === undefined || t > prev) seen.set(id, t);
  }

  return {
    resourceId(resource, schemaUrl, serviceId, attrsText) {
      writer.reset();
      writeResourceBody(writer, resource, schemaUrl);
      const body = writer.finish();
      const digest = createHash('sha1').update(body).digest();
      const key = digest.toString('latin1');
      let id = resourceIds.get(key);
      if (id !== undefined) return id;
      const found = findResource.get(digest) as bigint | undefined;
      id = found !== undefined ? Number(found) : Number(insertResource.run(digest, serviceId, attrsText(), body).lastInsertRowid);
      resourceIds.set(key, id);
      return id;
    },
    scopeId(scope, schemaUrl) {
      writer.reset();
      writeScopeBody(writer, scope, schemaUrl);
      const body = writer.finish();
      const digest = createHash('sha1').update(body).digest();
      const key = digest.toString('latin1');
      let id = scopeIds.get(key);
      if (id !== undefined) return id;
      const found = findScope.get(digest) as bigint | undefined;
      id = found !== undefined ? Number(found) : Number(insertScope.run(digest, body).lastInsertRowid);
      scopeIds.set(key, id);
      return id;
    },
    seen(resourceId, scopeId, startNanos) {
      note(resourceSeen, resourceId, startNanos);
      note(scopeSeen, scopeId, startNanos);
    },
    flushSeen() {
      for (const [id, t] of resourceSeen) touchResource.run(t, id);
      for (const [id, t] of scopeSeen) touchScope.run(t, id);
      resourceSeen.clear();
      scopeSeen.clear();
    },
    deleteUnusedBefore(cutoffNanos) {
      deleteResources.run(cutoffNanos);
      deleteScopes.run(cutoffNanos);
      resourceIds.clear();
      scopeIds.clear();
    },
    forget() {
      resourceIds.clear();
      scopeIds.clear();
      resourceSeen.clear();
      scopeSeen.clear();
    },
  };
}
