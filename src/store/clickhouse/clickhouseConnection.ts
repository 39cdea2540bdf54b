import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { bindQuery, type SqlValue } from './sqlLiteral.js';

// One HTTP client for the store, with the server's version and whether it takes query parameters (README.md,
// "Query parameters"). Queries are templates with `{name:Type}` placeholders (sqlLiteral.ts).

/** The first release with server-side query parameters (`{name:Type}` and `param_<name>` on the HTTP interface). */
export const QUERY_PARAMETERS_SINCE: readonly [number, number] = [19, 11];

export interface ConnectionOptions {
  endpoint: string;
  username: string;
  password: string;
  /** gzip request and response bodies. */
  compression: boolean;
  requestTimeoutMillis: number;
  /** Settings for every insert (a cluster's inserts wait for the shards). */
  insertSettings?: Record<string, string | number>;
}

export interface ClickHouseConnection {
  /** `SELECT version()`, e.g. `18.16.1`. */
  readonly version: string;
  readonly serverParameters: boolean;
  select<T>(template: string, values?: Record<string, SqlValue>): Promise<T[]>;
  command(template: string, values?: Record<string, SqlValue>): Promise<void>;
  /** Inserts rows (JSONEachRow); resolves once the server acknowledged them. */
  insert(table: string, rows: readonly object[]): Promise<void>;
  close(): Promise<void>;
}

/** Major and minor of a version string; [0, 0] when unreadable. */
export function parseVersion(version: string): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m === null ? [0, 0] : [Number(m[1]), Number(m[2])];
}

export function hasQueryParameters(version: string): boolean {
  const [major, minor] = parseVersion(version);
  return major > QUERY_PARAMETERS_SINCE[0] || (major === QUERY_PARAMETERS_SINCE[0] && minor >= QUERY_PARAMETERS_SINCE[1]);
}

/** Connects and asks the server its version; throws when it does not answer. */
export async function openConnection(options: ConnectionOptions): Promise<ClickHouseConnection> {
  const client: ClickHouseClient = createClient({
    url: options.endpoint,
    username: options.username,
    password: options.password,
    request_timeout: options.requestTimeoutMillis,
    compression: { request: options.compression, response: options.compression },
    // Failures reach the caller, which logs them rate-limited with their cause.
    log: { level: ClickHouseLogLevel.OFF },
  });
  try {
    const rs = await client.query({ query: 'SELECT version() AS version', format: 'JSONEachRow' });
    const [row] = await rs.json<{ version: string }>();
    const version = row?.version ?? '';
    const serverParameters = hasQueryParameters(version);
    const bind = (template: string, values: Record<string, SqlValue>) => {
      const b = bindQuery(template, values, serverParameters);
      return b.params === undefined ? { query: b.query } : { query: b.query, query_params: b.params };
    };
    return {
      version,
      serverParameters,
      async select<T>(template: string, values: Record<string, SqlValue> = {}) {
        const result = await client.query({ ...bind(template, values), format: 'JSONEachRow' });
        return result.json<T>();
      },
      async command(template, values = {}) {
        await client.command(bind(template, values));
      },
      async insert(table, rows) {
        if (rows.length === 0) return;
        await client.insert({ table, values: rows as object[], format: 'JSONEachRow', ...(options.insertSettings ? { clickhouse_settings: options.insertSettings } : {}) });
      },
      close: () => client.close(),
    };
  } catch (e) {
    await client.close();
    throw e;
  }
}
