// The `sql` object both ways, as the `db.*` attributes of the semantic conventions (both generations on the way out).
import type { Attributes } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { readObject, stringOf, xrayProblem } from './fieldReaders.js';
import {
  XRAY_SQL_CONNECTION_STRING, XRAY_SQL_DATABASE_VERSION, XRAY_SQL_DRIVER_VERSION, XRAY_SQL_PREPARATION,
} from './xrayAttributeNames.js';
import type { XraySql } from './xraySegmentDocument.js';

/**
 * The `sql` object: `url` split into `db.connection_string` (up to the last `/`) and `db.name` (the query string is
 * dropped), `database_type` -> `db.system` (verbatim), `sanitized_query` -> `db.statement`, `user` -> `db.user`, the
 * rest under `aws.xray.sql.*`. A `url` without a scheme part before `//` and a database name after the last `/` makes
 * the document invalid, as in contrib.
 */
export function readSqlFields(node: Record<string, unknown>, where: string, attrs: Attributes): void {
  const sql = readObject(node, 'sql', where);
  if (sql === undefined) return;
  const url = stringOf(sql, 'url');
  if (url !== undefined) {
    const noQuery = url.split('?', 1)[0] as string;
    const slashes = noQuery.indexOf('//');
    const last = noQuery.lastIndexOf('/');
    if (slashes < 1 || last <= slashes + 2 || last === noQuery.length - 1) {
      throw xrayProblem(`${where}sql.url`, `cannot read the database name from ${JSON.stringify(url)} (expected <scheme>//<host>/<database>)`);
    }
    attrs.set('db.connection_string', noQuery.slice(0, last));
    attrs.set('db.name', noQuery.slice(last + 1));
  }
  const set = (key: string, v: string | undefined) => {
    if (v !== undefined) attrs.set(key, v);
  };
  set(XRAY_SQL_CONNECTION_STRING, stringOf(sql, 'connection_string'));
  set('db.system', stringOf(sql, 'database_type'));
  set(XRAY_SQL_DATABASE_VERSION, stringOf(sql, 'database_version'));
  set(XRAY_SQL_DRIVER_VERSION, stringOf(sql, 'driver_version'));
  set(XRAY_SQL_PREPARATION, stringOf(sql, 'preparation'));
  set('db.user', stringOf(sql, 'user'));
  set('db.statement', stringOf(sql, 'sanitized_query'));
}

/** `db.system` values that make an `sql` object (both semantic-convention generations). */
const SQL_SYSTEMS = new Set(['db2', 'derby', 'hive', 'mariadb', 'mssql', 'mysql', 'oracle', 'postgresql', 'sqlite', 'teradata', 'other_sql', 'ibm_db2', 'microsoft.sql_server', 'oracle.db']);

/**
 * The `sql` object. Native spans need an SQL `db.system`; a URL-style `db.connection_string` plus the database name
 * gives `url` (which the X-Ray -> OpenTelemetry direction splits back), any other gives contrib's `connection_string`
 * "<connection or localhost>/<db>". Spans decoded from X-Ray get back each field from the attribute it was read into.
 */
export function writeSqlBlock(r: AttributeReader, fromXray: boolean): XraySql | undefined {
  const sql: XraySql = {};
  const a = r.attributes;
  if (fromXray) {
    const cs = r.string('db.connection_string');
    const db = r.string('db.name');
    if (cs !== undefined) sql.url = db === undefined ? cs : `${cs}/${db}`;
    const connection = r.string(XRAY_SQL_CONNECTION_STRING);
    if (connection !== undefined) sql.connection_string = connection;
    const type = r.used.has('db.system') ? undefined : r.string('db.system');
    if (type !== undefined) sql.database_type = type;
  } else {
    const system = a.get('db.system') ?? a.get('db.system.name');
    if (typeof system !== 'string' || !SQL_SYSTEMS.has(system)) return undefined;
    r.take(a.has('db.system') ? 'db.system' : 'db.system.name');
    sql.database_type = system;
    const cs = r.string('db.connection_string');
    const db = r.string('db.name') ?? r.string('db.namespace');
    if (cs !== undefined && cs.includes('//')) sql.url = db === undefined ? cs : `${cs}/${db}`;
    else if (db !== undefined || cs !== undefined) sql.connection_string = `${cs ?? 'localhost'}/${db ?? ''}`;
  }
  const version = r.string(XRAY_SQL_DATABASE_VERSION);
  if (version !== undefined) sql.database_version = version;
  const driver = r.string(XRAY_SQL_DRIVER_VERSION);
  if (driver !== undefined) sql.driver_version = driver;
  const preparation = r.string(XRAY_SQL_PREPARATION);
  if (preparation !== undefined) sql.preparation = preparation;
  const user = r.string('db.user');
  if (user !== undefined) sql.user = user;
  const query = r.string('db.statement') ?? (fromXray ? undefined : r.string('db.query.text'));
  if (query !== undefined) sql.sanitized_query = query;
  return Object.keys(sql).length > 0 ? sql : undefined;
}
