import { durationSchema } from '../config/duration.js';
import type { ConfigSchema } from '../config/loadConfig.js';

/** The top-level `storage` section (docs/configuration.md, `storage`). */
export interface StorageConfig {
  sqlite: {
    /** Database file; its folder is created. */
    path: string;
  };
  /** How long traces are kept (by trace start); "0" keeps them for ever. */
  retention: string;
  /** How long a CLIENT/PRODUCER span waits for its SERVER/CONSUMER partner before it counts as a call to a virtual node. */
  dependency_grace_period: string;
}

export const DEFAULT_SQLITE_PATH = './data/spanbridge.db';

/** JSON schema (ajv) of the `storage` section, with its defaults; the config loader validates it with every other part. */
export const storageConfigSchema: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    sqlite: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        path: { type: 'string', minLength: 1, default: DEFAULT_SQLITE_PATH, description: 'database file of the embedded store (`:memory:` keeps nothing)' },
      },
    },
    retention: durationSchema('72h', 'how long traces are kept, by their start; "0" keeps them for ever'),
    dependency_grace_period: durationSchema('30s', 'how long a caller span waits for its callee span before its call goes to a virtual node'),
  },
};
