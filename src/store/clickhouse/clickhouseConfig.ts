import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../../config/configSchema.js';
import { durationSchema } from '../../config/duration.js';
import { IDENTIFIER_PATTERN } from './sqlLiteral.js';

/** `storage.clickhouse`: when present, the store is ClickHouse instead of SQLite (README.md). */
export const clickhouseConfigSchema = configObject({
  endpoint: Type.String({ minLength: 1, default: 'http://localhost:8123', description: "the server's HTTP interface, e.g. `http://clickhouse:8123` (https for TLS)" }),
  database: Type.String({ pattern: IDENTIFIER_PATTERN, default: 'spanbridge', description: 'database of the tables (created when `create_schema`)' }),
  username: Type.String({ default: 'default', description: 'user; `${env:CLICKHOUSE_USER}` reads it from the environment' }),
  password: Type.String({ default: '', description: 'password; `${env:CLICKHOUSE_PASSWORD}` reads it from the environment' }),
  cluster: Type.Optional(Type.String({ pattern: IDENTIFIER_PATTERN, description: 'a `remote_servers` cluster: local tables on every shard, Distributed tables sharded by trace id, DDL `ON CLUSTER` (needs ZooKeeper)' })),
  create_schema: Type.Boolean({ default: true, description: 'create the database and tables at start when missing' }),
  batch: configObject(
    {
      max_spans: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20_000, description: 'spans at which a group of writes is inserted without waiting' }),
      max_delay: durationSchema('50ms', 'how long a write waits for others to share its insert; "0" inserts at once (writes arriving during an insert still share the next)'),
    },
    { default: {} },
  ),
  compression: Type.Boolean({ default: true, description: 'gzip request and response bodies' }),
  timeout: durationSchema('30s', 'time limit of each request'),
});

export type ClickHouseConfig = Static<typeof clickhouseConfigSchema>;
