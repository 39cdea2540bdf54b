import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../../config/configSchema.js';

/** The `file_storage` extension's configuration: validated, defaulted and documented from this schema. */
export const fileStorageConfigSchema = configObject({
  directory: Type.String({ minLength: 1, description: 'folder holding the data of the components that use this storage (created when missing); one process at a time' }),
  fsync: Type.Boolean({
    default: true,
    description: 'sync every write to the disk before it counts as done (a 2xx then survives a power loss); false leaves it to the operating system, which still survives a crash of the process',
  }),
});

export type FileStorageConfig = Static<typeof fileStorageConfigSchema>;
