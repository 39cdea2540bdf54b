import type { AttributeReader } from './attributeReader.js';
import {
  XRAY_SQL_CONNECTION_STRING, XRAY_SQL_DATABASE_VERSION, XRAY_SQL_DRIVER_VERSION, XRAY_SQL_PREPARATION,
} from './xrayAttributeNames.js';
import type { XraySql } from './xraySegmentDocument.js';

/** `db.system` values that make an `sql` object (contrib's SQL systems, both semantic-convention generations). */
const SQL_SYSTEMS = new Set(['db2', 'derby', 'hive', 'mariadb', 'mssql', 'mysql', 'oracle', 'postgresql', 'sqlite', 'teradata', 'other_sql', 'ibm_db2', 'microsoft.sql_server', 'oracle.db']);

/**
 * The `sql` object. Native spans need an SQL `db.system`; a URL-style
 * `db.connection_string` plus the database name gives `url` (which the X-Ray -> OpenTelemetry direction splits back),
 * any other gives contrib's `connection_string` "<connection or localhost>/<db>". Spans decoded from X-Ray get back
 * each field from the attribute it was read into.
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
