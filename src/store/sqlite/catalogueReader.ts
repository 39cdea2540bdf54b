import type Database from 'better-sqlite3';
import type { SpanKind } from '../../model/span.js';
import type { Operation } from '../store.js';

// The catalogues (catalogues.ts) as a reader sees them, from the tables: the writer that keeps them runs on another
// connection, often in another thread (README.md, "Threads"). Services and attribute keys are never deleted nor
// renumbered, so the id <-> name mappings found are remembered; a name not found is looked up again next time.

export interface CatalogueReader {
  knownServiceId(name: string): number | undefined;
  serviceName(id: number): string;
  /** Service names, sorted. */
  services(): string[];
  operations(serviceId: number | undefined): Operation[];
  remotes(serviceId: number): string[];
  knownKeyId(name: string): number | undefined;
  keyName(id: number): string | undefined;
  /** Attribute keys, sorted. */
  keys(): string[];
  values(keyId: number, limit: number): string[];
}

/** Remembered ids and names, at most this many of each (past it the memory starts over). */
const MAX_REMEMBERED = 20_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_REMEMBERED) map.clear();
  map.set(key, value);
}

export function createCatalogueReader(db: Database.Database): CatalogueReader {
  const serviceIdOf = db.prepare('SELECT id FROM services WHERE name = ?').pluck().safeIntegers(false);
  const serviceNameOf = db.prepare('SELECT name FROM services WHERE id = ?').pluck();
  const serviceNames = db.prepare('SELECT name FROM services').pluck();
  const keyIdOf = db.prepare('SELECT id FROM attribute_keys WHERE name = ?').pluck().safeIntegers(false);
  const keyNameOf = db.prepare('SELECT name FROM attribute_keys WHERE id = ?').pluck();
  const keyNames = db.prepare('SELECT name FROM attribute_keys').pluck();
  const selectOperations = db.prepare('SELECT name, kind FROM operations WHERE service_id = ? ORDER BY name, kind');
  const selectAllOperations = db.prepare('SELECT DISTINCT name, kind FROM operations ORDER BY name, kind');
  const selectRemotes = db.prepare('SELECT remote FROM remote_services WHERE service_id = ? ORDER BY remote').pluck();
  const selectValues = db.prepare('SELECT value FROM attribute_values WHERE key_id = ? ORDER BY value LIMIT ?').pluck();

  const serviceIds = new Map<string, number>();
  const servicesById = new Map<number, string>();
  const keyIds = new Map<string, number>();
  const keysById = new Map<number, string>();

  return {
    knownServiceId(name) {
      let id = serviceIds.get(name);
      if (id === undefined) {
        id = serviceIdOf.get(name) as number | undefined;
        if (id !== undefined) remember(serviceIds, name, id);
      }
      return id;
    },
    serviceName(id) {
      let name = servicesById.get(id);
      if (name === undefined) {
        name = serviceNameOf.get(id) as string | undefined;
        if (name === undefined) return '';
        remember(servicesById, id, name);
      }
      return name;
    },
    // Sorted here, not by SQLite: the same order as the writer's catalogue (UTF-16 code units).
    services: () => (serviceNames.all() as string[]).sort(),
    operations(serviceId) {
      const rows = (serviceId === undefined ? selectAllOperations.all() : selectOperations.all(serviceId)) as { name: string; kind: bigint }[];
      return rows.map((r) => ({ name: r.name, spanKind: Number(r.kind) as SpanKind }));
    },
    remotes: (serviceId) => selectRemotes.all(serviceId) as string[],
    knownKeyId(name) {
      let id = keyIds.get(name);
      if (id === undefined) {
        id = keyIdOf.get(name) as number | undefined;
        if (id !== undefined) remember(keyIds, name, id);
      }
      return id;
    },
    keyName(id) {
      let name = keysById.get(id);
      if (name === undefined) {
        name = keyNameOf.get(id) as string | undefined;
        if (name !== undefined) remember(keysById, id, name);
      }
      return name;
    },
    keys: () => (keyNames.all() as string[]).sort(),
    values: (keyId, limit) => selectValues.all(keyId, limit) as string[],
  };
}
