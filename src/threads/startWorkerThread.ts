import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker thread whose script is `name` beside the module `besideUrl` (its `import.meta.url`), with the
 * module's own extension: `.js` in the built package, `.ts` when running from source (tests, the bench) through tsx.
 * The worker inherits `--import tsx` from this process's execArgv, but on Node 20 tsx installs its loader in the main
 * thread only; there a small bootstrap installs it (tsx's `register`) when importing the script fails for its
 * extension, then imports it again under another URL (a failed import is remembered). Node 22 and later need none
 * of it. docs/threads.md lists the threads.
 */
export function startWorkerThread(besideUrl: string, name: string, options: WorkerOptions): Worker {
  const ext = extname(fileURLToPath(besideUrl));
  const script = new URL(siblingModule(besideUrl, name));
  if (ext !== '.ts') return new Worker(script, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(script.href)}).catch((e) => {
    if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    return import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(`${script.href}?tsx`)}); });
  });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * The URL of the module `name` beside the module `besideUrl`, with its extension (as startWorkerThread): for a worker
 * to import a module its own layer may not name, such as the app's authenticator loader (queryWorker.ts).
 */
export function siblingModule(besideUrl: string, name: string): string {
  return new URL(`./${name}${extname(fileURLToPath(besideUrl))}`, besideUrl).href;
}
