import type Database from 'better-sqlite3';
import type { Operation } from '../store.js';
import type { SpanKind } from '../../model/span.js';
import { FNV_OFFSET, fnvBytes } from '../../model/hashing.js';
import { wellFormed } from '../../model/wellFormedStrings.js';

// Service, operation, remote-service and attribute key/value catalogues (README.md, "Catalogues"). Each is mirrored
// in memory, so that ingest touches SQLite only for what is new. Names are made well-formed first (lone surrogates
// become U+FFFD): better-sqlite3 would write `cart\ud800` as bytes that are not UTF-8 and read them back after a
// restart as another string, so the memory mirror would miss the stored name and insert it again, against the UNIQUE
// constraint. Sizes are bounded; past a bound new entries are
// not catalogued (their spans are stored and searchable all the same).

/** Most attribute keys catalogued (and so indexed for search). */
export const MAX_ATTRIBUTE_KEYS = 10_000;
/** Most distinct values kept per key, and in all, for autocomplete. */
export const MAX_VALUES_PER_KEY = 1_000;
export const MAX_ATTRIBUTE_VALUES = 200_000;
/** Values longer than this are not offered for autocomplete. */
export const MAX_CATALOGUED_VALUE_CHARS = 100;
export const MAX_OPERATIONS = 100_000;

export interface Catalogues {
  /** The id of a service, adding it when new. */
  serviceId(name: string): number;
  serviceName(id: number): string;
  knownServiceId(name: string): number | undefined;
  services(): string[];
  noteOperation(serviceId: number, name: string, kind: SpanKind): void;
  operations(serviceId: number | undefined): Operation[];
  noteRemote(serviceId: number, remote: string): void;
  remotes(serviceId: number): string[];
  /** The id of an attribute key, adding it when new; undefined once MAX_ATTRIBUTE_KEYS are catalogued. */
  keyId(name: string): number | undefined;
  knownKeyId(name: string): number | undefined;
  /** The name of a catalogued key id (looked up in the table when this process has not seen it). */
  keyName(id: number): string | undefined;
  keys(): string[];
  noteValue(keyId: number, value: string): void;
  /**
   * noteValue for an ASCII value still in its bytes ([start, end) of `bytes`): a value noted before is recognised by a
   * hash of its bytes, without building its string. (Of two values with the same 32-bit hash, the second is then not
   * offered for autocomplete; it is stored and searchable all the same.)
   */
  noteAsciiValue(keyId: number, bytes: Buffer, start: number, end: number): void;
  values(keyId: number, limit: number): string[];
  /** Reloads the memory mirror from the tables (after a rolled-back write). */
  reload(): void;
}

export function createCatalogues(db: Database.Database): Catalogues {
  const insertService = db.prepare('INSERT INTO services (name) VALUES (?)');
  const insertOperation = db.prepare('INSERT OR IGNORE INTO operations (service_id, name, kind) VALUES (?, ?, ?)');
  const insertRemote = db.prepare('INSERT OR IGNORE INTO remote_services (service_id, remote) VALUES (?, ?)');
  const insertKey = db.prepare('INSERT INTO attribute_keys (name) VALUES (?)');
  const insertValue = db.prepare('INSERT OR IGNORE INTO attribute_values (key_id, value) VALUES (?, ?)');
  const selectOperations = db.prepare('SELECT name, kind FROM operations WHERE service_id = ? ORDER BY name, kind');
  const selectAllOperations = db.prepare('SELECT DISTINCT name, kind FROM operations ORDER BY name, kind');
  const selectRemotes = db.prepare('SELECT remote FROM remote_services WHERE service_id = ? ORDER BY remote').pluck();
  const selectKeyName = db.prepare('SELECT name FROM attribute_keys WHERE id = ?').pluck();
  const selectValues = db.prepare('SELECT value FROM attribute_values WHERE key_id = ? ORDER BY value LIMIT ?').pluck();

  const serviceIds = new Map<string, number>();
  const serviceNames = new Map<number, string>();
  /** Kinds seen, as bits, by service id and span name. */
  const operationKinds = new Map<number, Map<string, number>>();
  let operationCount = 0;
  const remoteKeys = new Set<string>();
  const keyIds = new Map<string, number>();
  const keyNames = new Map<number, string>();
  const valuesByKey = new Map<number, Set<string>>();
  /** Hashes of the bytes of the values noteAsciiValue has seen, by key id (bounded like the values themselves). */
  const seenHashes = new Map<number, Set<number>>();
  let valueCount = 0;

  function load(): void {
    serviceIds.clear();
    serviceNames.clear();
    operationKinds.clear();
    operationCount = 0;
    remoteKeys.clear();
    keyIds.clear();
    keyNames.clear();
    valuesByKey.clear();
    seenHashes.clear();
    valueCount = 0;
    for (const r of db.prepare('SELECT id, name FROM services').iterate() as Iterable<{ id: bigint; name: string }>) {
      serviceIds.set(r.name, Number(r.id));
      serviceNames.set(Number(r.id), r.name);
    }
    for (const r of db.prepare('SELECT service_id, name, kind FROM operations').iterate() as Iterable<{ service_id: bigint; name: string; kind: bigint }>) {
      addOperation(Number(r.service_id), r.name, Number(r.kind));
    }
    for (const r of db.prepare('SELECT service_id, remote FROM remote_services').iterate() as Iterable<{ service_id: bigint; remote: string }>) {
      remoteKeys.add(`${r.service_id}\u0000${r.remote}`);
    }
    for (const r of db.prepare('SELECT id, name FROM attribute_keys').iterate() as Iterable<{ id: bigint; name: string }>) {
      keyIds.set(r.name, Number(r.id));
      keyNames.set(Number(r.id), r.name);
    }
    for (const r of db.prepare('SELECT key_id, value FROM attribute_values').iterate() as Iterable<{ key_id: bigint; value: string }>) {
      valuesOf(Number(r.key_id)).add(r.value);
      valueCount++;
    }
  }

  /** Notes an operation in memory; false when it was known already. */
  function addOperation(serviceId: number, name: string, kind: number): boolean {
    let names = operationKinds.get(serviceId);
    if (names === undefined) operationKinds.set(serviceId, (names = new Map()));
    const kinds = names.get(name) ?? 0;
    if ((kinds & (1 << kind)) !== 0) return false;
    names.set(name, kinds | (1 << kind));
    operationCount++;
    return true;
  }

  function valuesOf(keyId: number): Set<string> {
    let set = valuesByKey.get(keyId);
    if (set === undefined) valuesByKey.set(keyId, (set = new Set()));
    return set;
  }

  function noteValue(keyId: number, value: string): void {
    if (value.length > MAX_CATALOGUED_VALUE_CHARS || valueCount >= MAX_ATTRIBUTE_VALUES) return;
    const set = valuesOf(keyId);
    if (set.size >= MAX_VALUES_PER_KEY || set.has(value)) return;
    insertValue.run(keyId, value);
    set.add(value);
    valueCount++;
  }

  function wantsValue(keyId: number, length: number): boolean {
    if (length > MAX_CATALOGUED_VALUE_CHARS || valueCount >= MAX_ATTRIBUTE_VALUES) return false;
    const set = valuesByKey.get(keyId);
    return set === undefined || set.size < MAX_VALUES_PER_KEY;
  }

  load();

  return {
    serviceId(raw) {
      const name = wellFormed(raw);
      let id = serviceIds.get(name);
      if (id === undefined) {
        id = Number(insertService.run(name).lastInsertRowid);
        serviceIds.set(name, id);
        serviceNames.set(id, name);
      }
      return id;
    },
    serviceName: (id) => serviceNames.get(id) ?? '',
    knownServiceId: (name) => serviceIds.get(wellFormed(name)),
    services: () => [...serviceIds.keys()].sort(),
    noteOperation(serviceId, name, kind) {
      const known = operationKinds.get(serviceId)?.get(name);
      if ((known !== undefined && (known & (1 << kind)) !== 0) || operationCount >= MAX_OPERATIONS) return;
      addOperation(serviceId, name, kind);
      insertOperation.run(serviceId, name, kind);
    },
    operations(serviceId) {
      const rows = (serviceId === undefined ? selectAllOperations.all() : selectOperations.all(serviceId)) as { name: string; kind: bigint }[];
      return rows.map((r) => ({ name: r.name, spanKind: Number(r.kind) as SpanKind }));
    },
    noteRemote(serviceId, remote) {
      const k = `${serviceId}\u0000${remote}`;
      if (remoteKeys.has(k)) return;
      insertRemote.run(serviceId, remote);
      remoteKeys.add(k);
    },
    remotes: (serviceId) => selectRemotes.all(serviceId) as string[],
    keyId(raw) {
      const name = wellFormed(raw);
      let id = keyIds.get(name);
      if (id === undefined && keyIds.size < MAX_ATTRIBUTE_KEYS) {
        id = Number(insertKey.run(name).lastInsertRowid);
        keyIds.set(name, id);
        keyNames.set(id, name);
      }
      return id;
    },
    knownKeyId: (name) => keyIds.get(wellFormed(name)),
    keyName(id) {
      let name = keyNames.get(id);
      if (name === undefined) {
        name = selectKeyName.get(id) as string | undefined;
        if (name !== undefined) keyNames.set(id, name);
      }
      return name;
    },
    keys: () => [...keyIds.keys()].sort(),
    noteValue,
    noteAsciiValue(keyId, bytes, start, end) {
      if (!wantsValue(keyId, end - start)) return;
      let seen = seenHashes.get(keyId);
      if (seen === undefined) seenHashes.set(keyId, (seen = new Set()));
      const h = fnvBytes(FNV_OFFSET, bytes, start, end);
      if (seen.has(h)) return;
      seen.add(h);
      noteValue(keyId, bytes.toString('latin1', start, end));
    },
    values: (keyId, limit) => selectValues.all(keyId, limit) as string[],
    reload: load,
  };
}
