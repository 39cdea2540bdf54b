import type { Logger } from 'pino';
import { parseDurationMillis } from '../model/duration.js';
import { createClickHouseStore } from './clickhouse/createClickHouseStore.js';
import { startRetention } from './retention.js';
import { createSqliteStore } from './sqlite/createSqliteStore.js';
import type { StorageConfig } from './storageConfig.js';
import type { TraceStore } from './store.js';
import { tenantStorePath, type TenantStores } from './tenantStores.js';

/** Time between retention runs. */
export const RETENTION_INTERVAL_MILLIS = 60_000;

/** Opens one store (ClickHouse when `clickhouse` is present, else SQLite at `sqlitePath`) with its retention. */
function openStore(config: StorageConfig, sqlitePath: string, logger: Logger): { store: TraceStore; close(): Promise<void> } {
  const dependencyGraceMillis = parseDurationMillis(config.dependency_grace_period);
  const ch = config.clickhouse;
  const store = ch
    ? createClickHouseStore({
        endpoint: ch.endpoint, database: ch.database, username: ch.username, password: ch.password, ...(ch.cluster === undefined ? {} : { cluster: ch.cluster }),
        createSchema: ch.create_schema, batchMaxSpans: ch.batch.max_spans, batchMaxDelayMillis: parseDurationMillis(ch.batch.max_delay),
        compression: ch.compression, timeoutMillis: parseDurationMillis(ch.timeout), logger, dependencyGraceMillis,
      })
    : createSqliteStore({ path: sqlitePath, logger, dependencyGraceMillis, searchTimeoutMillis: parseDurationMillis(config.query_timeout) });
  const retentionMillis = parseDurationMillis(config.retention);
  const retention = retentionMillis > 0 ? startRetention(store, { retentionMillis, intervalMillis: RETENTION_INTERVAL_MILLIS }, logger) : undefined;
  return {
    store,
    async close() {
      retention?.stop();
      await store.close();
    },
  };
}

/**
 * Opens the store a (validated, defaulted) `storage` section describes and starts its retention. `close` stops
 * retention and closes the store; call it after the pipelines that write the store have shut down.
 */
export function startStorage(config: StorageConfig, logger: Logger): { store: TraceStore; close(): Promise<void> } {
  return openStore(config, config.sqlite.path, logger);
}

/**
 * With tenancy on: one store per tenant (docs/security.md, "Tenants"), each in its own SQLite file next to
 * `storage.sqlite.path` (tenantStorePath) with its own retention. Configuration loading refuses tenancy with ClickHouse.
 */
export function startTenantStorage(config: StorageConfig, tenants: readonly string[], logger: Logger): { tenantStores: TenantStores; close(): Promise<void> } {
  const closers: Array<() => Promise<void>> = [];
  const stores = new Map<string, TraceStore>();
  const close = async () => {
    await Promise.all(closers.map((c) => c()));
  };
  try {
    for (const tenant of tenants) {
      const opened = openStore(config, tenantStorePath(config.sqlite.path, tenant), logger.child({ tenant }));
      closers.push(opened.close);
      stores.set(tenant, opened.store);
    }
  } catch (e) {
    void close();
    throw e;
  }
  return { tenantStores: { storeOf: (tenant) => stores.get(tenant), stores }, close };
}
