// Files a configuration names (certificates, keys, token and htpasswd files), read at start and re-read when they
// change, so credentials rotate without a restart (docs/security.md, "Rotating certificates and secrets").
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface WatchFilesOptions {
  /**
   * Called with the files' contents, in the order of `paths`, after one of them changed. Throwing refuses the
   * change: the error goes to `onError`, and the same contents are offered again on the next event or re-check.
   */
  onChange: (contents: Buffer[]) => void;
  /** A change that could not be read or that `onChange` refused (the previous contents stay in use). */
  onError: (err: Error) => void;
  /** Quiet time after the last event before the files are read: a rotation writes several files. Default 100 ms. */
  debounceMillis?: number;
  /** Files are also re-read this often, for file systems whose change events are unreliable. Default 60 s; 0: never. */
  recheckMillis?: number;
}

export interface FileWatch {
  /** The contents read at start, in the order of the paths. */
  readonly initial: Buffer[];
  close(): void;
}

/** Reads a file named by the configuration, with an error that names it. */
export function readConfiguredFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Reads `paths` now (throwing when one cannot be read) and calls `onChange` when their contents change later, however
 * the change is made: written in place, replaced by a rename (editors, `mv`, cert-manager), or swapped the way Kubernetes
 * updates a mounted Secret (the folder's `..data` symlink is pointed at a new folder). The folders holding the files are
 * watched rather than the files, since a watch on a file follows the inode a rename leaves behind; events are coalesced
 * and the contents compared, so `onChange` runs once per actual change. Watchers and timers do not keep the process
 * alive.
 */
export function watchFiles(paths: readonly string[], options: WatchFilesOptions): FileWatch {
  const initial = paths.map(readConfiguredFile);
  let current = initial;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  let again = false;
  let closed = false;

  async function check(): Promise<void> {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      let next: Buffer[];
      try {
        next = await Promise.all(paths.map((p) => readFile(p)));
      } catch (e) {
        // Midway through a replacement a file may be missing for a moment; the next event reads it again.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') options.onError(e as Error);
        return;
      }
      if (closed || next.every((b, i) => b.equals(current[i] as Buffer))) return;
      try {
        options.onChange(next);
        current = next;
      } catch (e) {
        options.onError(e as Error);
      }
    } finally {
      reading = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  }

  function schedule(): void {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void check(), options.debounceMillis ?? 100);
    timer.unref();
  }

  const watchers: FSWatcher[] = [];
  for (const dir of new Set(paths.map((p) => dirname(p)))) {
    const w = watch(dir, { persistent: false }, () => schedule());
    // A folder that disappears ends its watch; the periodic re-check still sees the files if they come back.
    w.on('error', (e) => options.onError(e));
    watchers.push(w);
  }
  const recheckMillis = options.recheckMillis ?? 60_000;
  const recheck = recheckMillis > 0 ? setInterval(() => void check(), recheckMillis) : undefined;
  recheck?.unref();

  return {
    initial,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(recheck);
      for (const w of watchers) w.close();
    },
  };
}
