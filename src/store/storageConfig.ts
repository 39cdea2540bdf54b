import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { durationSchema } from '../config/duration.js';
import { clickhouseConfigSchema } from './clickhouse/clickhouseConfig.js';

export const DEFAULT_SQLITE_PATH = './data/spanbridge.db';

/** The top-level `storage` section, with its defaults; the config loader validates it with every other part. */
export const storageConfigSchema = configObject(
  {
    sqlite: configObject(
      {
        // Its folder is created.
        path: Type.String({ minLength: 1, default: DEFAULT_SQLITE_PATH, description: 'database file of the embedded store (`:memory:` keeps nothing)' }),
      },
      { default: {} },
    ),
    // When present, it replaces the SQLite store.
    clickhouse: Type.Optional(clickhouseConfigSchema),
    retention: durationSchema('72h', 'how long traces are kept, by their start; "0" keeps them for ever'),
    // A CLIENT/PRODUCER span waiting for its SERVER/CONSUMER partner.
    dependency_grace_period: durationSchema('30s', 'how long a caller span waits for its callee span before its call goes to a virtual node'),
    // Checked inside the search statement, row by row (src/store/sqlite/searchTraces.ts); 400 SB_QUERY_TIMEOUT past it.
    query_timeout: durationSchema('2s', 'longest a trace search may run; a longer one is stopped and refused'),
  },
  { default: {} },
);

export type StorageConfig = Static<typeof storageConfigSchema>;
