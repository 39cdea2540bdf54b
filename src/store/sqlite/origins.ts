import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { FNV_OFFSET, fnvBytes } from '../../model/hashing.js';
import type { InstrumentationScope, Resource } from '../../model/span.js';
import { ByteWriter } from './byteWriter.js';
import { KeptByBytes } from './keptByBytes.js';
import { writeResourceBody, writeScopeBody } from './spanBody.js';

// Resources and scopes are stored once each (README.md, "Resources and scopes"), found again by a digest of their
// body, and remembered by id in memory (by the writer; readers read their bodies, readTrace.ts). `last_seen_ns` (the
// latest start of a span that uses one) lets retention delete those no stored span uses any more. It is written when it
// moves on by SEEN_STEP_NANOS or more, so a busy resource costs an UPDATE a minute rather than one per transaction, and
// retention keeps those last seen up to that much before its cutoff.

/** How far `last_seen_ns` may lag behind the latest start written; retention keeps this much more. */
const SEEN_STEP_NANOS = 60_000_000_000n;
/** Ids whose written `last_seen_ns` is remembered, at most (past it, they are forgotten and written again). */
const MAX_WRITTEN = 100_000;

/**
 * Bodies remembered with their ids, per cache (about 8 MB of sidecar resources); past it the cache starts over. A
 * resource seen again costs a hash of its body's bytes and one comparison; only a new one is hashed with SHA-1 and
 * looked up in the table.
 */
const MAX_CACHED_BODIES = 16_384;

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
  /** Changes whenever ids handed out before may no longer be valid (rows deleted, a write rolled back). */
  readonly idsVersion: number;
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

  const resourceIds = new KeptByBytes<number>(MAX_CACHED_BODIES);
  const scopeIds = new KeptByBytes<number>(MAX_CACHED_BODIES);

  /** The id of the body just written to `writer` in `ids`, or else in the table (`find` by digest), or else `insert`ed. */
  function idOf(ids: KeptByBytes<number>, find: Database.Statement, insert: (digest: Buffer, body: Buffer) => number): number {
    const view = writer.slice(0, writer.position);
    const hash = fnvBytes(FNV_OFFSET, view);
    const known = ids.find(view, 0, view.length, hash);
    if (known !== undefined) return known;
    const body = writer.finish();
    const digest = createHash('sha1').update(body).digest();
    const found = find.get(digest) as bigint | undefined;
    const id = found !== undefined ? Number(found) : insert(digest, body);
    ids.add(body, hash, id);
    return id;
  }

  const resourceSeen = new Map<number, bigint>();
  const scopeSeen = new Map<number, bigint>();
  // The `last_seen_ns` this writer last wrote, by id.
  const resourceWritten = new Map<number, bigint>();
  const scopeWritten = new Map<number, bigint>();

  function touch(seen: Map<number, bigint>, written: Map<number, bigint>, update: Database.Statement): void {
    if (written.size > MAX_WRITTEN) written.clear();
    seen.forEach((t, id) => {
      const w = written.get(id);
      if (w !== undefined && t < w + SEEN_STEP_NANOS) return;
      update.run(t, id);
      written.set(id, t);
    });
    seen.clear();
  }

  let idsVersion = 0;
  function forgetIds(): void {
    resourceIds.clear();
    scopeIds.clear();
    idsVersion++;
  }

  function note(seen: Map<number, bigint>, id: number, t: bigint): void {
    const prev = seen.get(id);
    if (prev === undefined || t > prev) seen.set(id, t);
  }

  return {
    get idsVersion() {
      return idsVersion;
    },
    resourceId(resource, schemaUrl, serviceId, attrsText) {
      writer.reset();
      writeResourceBody(writer, resource, schemaUrl);
      return idOf(resourceIds, findResource, (digest, body) => Number(insertResource.run(digest, serviceId, attrsText(), body).lastInsertRowid));
    },
    scopeId(scope, schemaUrl) {
      writer.reset();
      writeScopeBody(writer, scope, schemaUrl);
      return idOf(scopeIds, findScope, (digest, body) => Number(insertScope.run(digest, body).lastInsertRowid));
    },
    seen(resourceId, scopeId, startNanos) {
      note(resourceSeen, resourceId, startNanos);
      note(scopeSeen, scopeId, startNanos);
    },
    flushSeen() {
      touch(resourceSeen, resourceWritten, touchResource);
      touch(scopeSeen, scopeWritten, touchScope);
    },
    deleteUnusedBefore(cutoffNanos) {
      deleteResources.run(cutoffNanos - SEEN_STEP_NANOS);
      deleteScopes.run(cutoffNanos - SEEN_STEP_NANOS);
      forgetIds();
    },
    forget() {
      forgetIds();
      resourceSeen.clear();
      scopeSeen.clear();
      // The rolled-back transaction may have written some of them.
      resourceWritten.clear();
      scopeWritten.clear();
    },
  };
}
