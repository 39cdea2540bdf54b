import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ComponentKind, ComponentSettings, Extension, StorageExtension } from '../../pipeline/component.js';
import type { FileStorageConfig } from './config.js';

const LOCK_FILE = 'spanbridge.lock';

/** The folder name of a component, as the Collector's file_storage names it: `exporter_otlphttp_backend`. */
export function componentFolderName(kind: ComponentKind, componentId: string): string {
  return `${kind}_${componentId.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `directory` for this process: a lock file holds its pid. A lock whose process is gone (killed, crashed) is taken
 * over; one held by a running process stops the start, since two processes sharing a queue would send its batches
 * twice and delete each other's files.
 */
async function lock(directory: string): Promise<string> {
  const path = join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) throw new Error(`file_storage: ${directory} is in use by process ${pid} (${path})`);
      await unlink(path).catch(() => undefined);
    }
  }
  throw new Error(`file_storage: cannot take ${path}`);
}

/**
 * The `file_storage` extension: hands each component that names it a folder of its own under `directory`, and says
 * whether writes are synced (`fsync`). The components own the files (the persistent queue in
 * src/pipeline/fileQueue.ts); this extension owns the folder and its lock.
 */
export function createFileStorage(settings: ComponentSettings, config: FileStorageConfig): Extension {
  const directory = resolve(config.directory);
  let lockPath: string | undefined;
  const storage: StorageExtension = {
    fsync: config.fsync,
    async directoryFor(kind, componentId) {
      const folder = join(directory, componentFolderName(kind, componentId));
      await mkdir(folder, { recursive: true });
      return folder;
    },
  };
  return {
    storage,
    async start() {
      await mkdir(directory, { recursive: true });
      lockPath = await lock(directory);
      settings.logger.info({ directory, fsync: config.fsync }, 'file storage ready');
    },
    async shutdown() {
      if (lockPath) await unlink(lockPath).catch(() => undefined);
      lockPath = undefined;
    },
  };
}
