import type { Attributes } from '../../model/span.js';
import {
  XRAY_SQL_CONNECTION_STRING, XRAY_SQL_DATABASE_VERSION, XRAY_SQL_DRIVER_VERSION, XRAY_SQL_PREPARATION,
} from './xrayAttributeNames.js';
import { readObject, stringOf, xrayProblem } from './xrayFieldReaders.js';

/**
 * The `sql` object: `url` split into `db.connection_string` (up to the last `/`) and
 * `db.name` (the query string is dropped), `database_type` -> `db.system` (verbatim), `sanitized_query` ->
 * `db.statement`, `user` -> `db.user`, the rest under `aws.xray.sql.*`. A `url` without a scheme part before `//`
 * and a database name after the last `/` makes the document invalid, as in contrib.
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
