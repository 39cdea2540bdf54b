import type { Operation } from '../store.js';
import type { SpanKind } from '../../model/span.js';
import type { ClickHouseConnection } from './clickhouseConnection.js';
import type { TableNames } from './schema.js';

// The service / operation / attribute catalogues (README.md, "Catalogues"). Writers insert only what they have not
// inserted before (remembered in memory, with the same bounds as the SQLite store); several writers may insert the
// same rows, which ReplacingMergeTree folds and reads take DISTINCT.

export const MAX_ATTRIBUTE_KEYS = 10_000;
export const MAX_VALUES_PER_KEY = 1_000;
export const MAX_ATTRIBUTE_VALUES = 200_000;
export const MAX_CATALOGUED_VALUE_CHARS = 100;
export const MAX_OPERATIONS = 100_000;

/** Catalogue rows one write adds. */
export interface CatalogueRows {
  operations: { service: string; name: string; kind: number }[];
  remotes: { service: string; remote: string }[];
  keys: { key: string }[];
  values: { key: string; value: string }[];
}

export function emptyCatalogueRows(): CatalogueRows {
  return { operations: [], remotes: [], keys: [], values: [] };
}

/** What this writer has catalogued; `note*` add a row to `into` for what is new. */
export interface CatalogueNotes {
  noteOperation(into: CatalogueRows, service: string, name: string, kind: SpanKind): void;
  noteRemote(into: CatalogueRows, service: string, remote: string): void;
  noteValue(into: CatalogueRows, key: string, value: string): void;
  /** After a failed insert: its rows may be missing, so they are noted again next time. */
  forget(rows: CatalogueRows): void;
}

export function createCatalogueNotes(): CatalogueNotes {
  const operations = new Set<string>();
  const remotes = new Set<string>();
  const values = new Map<string, Set<string>>();
  let valueCount = 0;
  return {
    noteOperation(into, service, name, kind) {
      const k = JSON.stringify([service, name, kind]);
      if (operations.has(k) || operations.size >= MAX_OPERATIONS) return;
      operations.add(k);
      into.operations.push({ service, name, kind });
    },
    noteRemote(into, service, remote) {
      const k = JSON.stringify([service, remote]);
      if (remotes.has(k)) return;
      remotes.add(k);
      into.remotes.push({ service, remote });
    },
    noteValue(into, key, value) {
      let set = values.get(key);
      if (set === undefined) {
        if (values.size >= MAX_ATTRIBUTE_KEYS) return;
        values.set(key, (set = new Set()));
        into.keys.push({ key });
      }
      if (value.length > MAX_CATALOGUED_VALUE_CHARS || valueCount >= MAX_ATTRIBUTE_VALUES || set.size >= MAX_VALUES_PER_KEY || set.has(value)) return;
      set.add(value);
      valueCount++;
      into.values.push({ key, value });
    },
    forget(rows) {
      for (const o of rows.operations) operations.delete(JSON.stringify([o.service, o.name, o.kind]));
      for (const r of rows.remotes) remotes.delete(JSON.stringify([r.service, r.remote]));
      for (const k of rows.keys) {
        const set = values.get(k.key);
        if (set !== undefined) valueCount -= set.size;
        values.delete(k.key);
      }
      for (const v of rows.values) {
        if (values.get(v.key)?.delete(v.value) === true) valueCount--;
      }
    },
  };
}

export async function insertCatalogueRows(ch: ClickHouseConnection, t: TableNames, rows: CatalogueRows): Promise<void> {
  await Promise.all([
    ch.insert(t.operations, rows.operations),
    ch.insert(t.remoteServices, rows.remotes),
    ch.insert(t.attributeKeys, rows.keys),
    ch.insert(t.attributeValues, rows.values),
  ]);
}

export interface CatalogueReads {
  services(): Promise<string[]>;
  operations(service: string | undefined): Promise<Operation[]>;
  remotes(service: string): Promise<string[]>;
  keys(): Promise<string[]>;
  values(key: string, limit: number): Promise<string[]>;
}

export function createCatalogueReads(ch: ClickHouseConnection, t: TableNames): CatalogueReads {
  const column = async (sql: string, values: Record<string, string | number> = {}) => (await ch.select<{ v: string }>(sql, values)).map((r) => r.v);
  return {
    services: () => column(`SELECT DISTINCT service AS v FROM ${t.operations} ORDER BY v`),
    async operations(service) {
      const sql = `SELECT DISTINCT name, kind FROM ${t.operations}${service === undefined ? '' : ' WHERE service = {service:String}'} ORDER BY name, kind`;
      const rows = await ch.select<{ name: string; kind: number | string }>(sql, service === undefined ? {} : { service });
      return rows.map((r) => ({ name: r.name, spanKind: Number(r.kind) as SpanKind }));
    },
    remotes: (service) => column(`SELECT DISTINCT remote AS v FROM ${t.remoteServices} WHERE service = {service:String} ORDER BY v`, { service }),
    keys: () => column(`SELECT DISTINCT key AS v FROM ${t.attributeKeys} ORDER BY v`),
    values: (key, limit) => column(`SELECT DISTINCT value AS v FROM ${t.attributeValues} WHERE key = {key:String} ORDER BY v LIMIT {limit:UInt32}`, { key, limit }),
  };
}
