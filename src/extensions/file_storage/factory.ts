import type { ExtensionFactory } from '../../pipeline/component.js';
import { fileStorageConfigSchema, type FileStorageConfig } from './config.js';
import { createFileStorage } from './fileStorage.js';

export const fileStorageFactory = {
  kind: 'extension',
  type: 'file_storage',
  description: 'Storage on the local disk: exporters naming it in `sending_queue.storage` keep their queue (and dead letters) there, across restarts.',
  configSchema: fileStorageConfigSchema,
  storage: true,
  createExtension: (settings, config) => createFileStorage(settings, config),
} satisfies ExtensionFactory<FileStorageConfig>;
