import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { mergeEncodedHistograms } from '../dependencies/latencyHistogram.js';
import { compileSearchRegex, type SearchRegex } from '../validateQuery.js';
import { valueInText } from './attributeText.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

/** In-memory databases (tests) are opened by this path. */
export const MEMORY_PATH = ':memory:';

/**
 * Opens (creating it and its folder when needed) a store database: WAL journal, `synchronous = NORMAL` (a write is
 * on disk when its transaction commits; the OS may lose the last ones on power failure, never on a process crash),
 * integers read as bigint, the schema, and the store's SQL functions.
 */
export function openDatabase(path: string): Database.Database {
  if (path !== MEMORY_PATH) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    db.defaultSafeIntegers(true);
    migrate(db);
    registerFunctions(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function migrate(db: Database.Database): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  const found = hasMeta ? (db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined) : undefined;
  if (found !== undefined && Number(found) > SCHEMA_VERSION) throw new Error(`database schema version ${found} is newer than this program's (${SCHEMA_VERSION})`);
  db.exec(SCHEMA_SQL);
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
}

/** Compiled search patterns, the 64 used last. */
const regexCache = new LRUCache<string, SearchRegex>({ max: 64 });

function cachedRegex(pattern: string): SearchRegex {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    re = compileSearchRegex(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

function registerFunctions(db: Database.Database): void {
  // sb_attr_regexp(attrs, key_id, pattern): 1 when the key's indexed value matches the (pre-validated) regex.
  db.function('sb_attr_regexp', { deterministic: true }, (attrs: string, keyId: bigint, pattern: string) => {
    const v = valueInText(attrs, keyId);
    return v !== undefined && cachedRegex(pattern).test(v) ? 1 : 0;
  });
  db.function('sb_histogram_merge', { deterministic: true }, (a: Uint8Array, b: Uint8Array) => mergeEncodedHistograms(a, b));
}
