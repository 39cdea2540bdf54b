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
 * SQLite's page cache of the writing connection, and of a connection that only reads: the OS caches the file as well,
 * and every connection's cache counts in the process's resident memory (docs/threads.md).
 */
export const WRITER_CACHE_KIB = 16 * 1024;
export const READER_CACHE_KIB = 4 * 1024;

/**
 * Opens (creating it and its folder when needed) a store database: WAL journal, `synchronous = NORMAL` (a write is
 * on disk when its transaction commits; the OS may lose the last ones on power failure, never on a process crash),
 * integers read as bigint, the schema, and the store's SQL functions. `cacheKiB` is the connection's page cache.
 */
export function openDatabase(path: string, cacheKiB = WRITER_CACHE_KIB): Database.Database {
  if (path !== MEMORY_PATH) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  try {
    // 16 KiB pages for a new file (an existing one keeps its size): a commit writes a quarter as many pages, so the
    // writer makes a quarter of the write calls for the same rows.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${Math.floor(cacheKiB)}`);
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

/**
 * Opens an existing store database to read only (another thread's queries): no schema changes, the store's SQL
 * functions, integers as bigint, a reader's page cache. The writer must have opened (and migrated) it first.
 */
export function openReader(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cache_size = -${READER_CACHE_KIB}`);
    db.defaultSafeIntegers(true);
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
  // Spans from here on are written with their blocks (a new file: all of them; an older one: those written from now).
  db.exec("INSERT OR IGNORE INTO meta (key, value) SELECT 'blocks_from_span_id', coalesce(max(id), 0) + 1 FROM spans");
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
