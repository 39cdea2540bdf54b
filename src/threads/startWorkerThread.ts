import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker thread whose script is `name` beside the module `besideUrl` (its `import.meta.url`), with the
 * module's own extension: `.js` in the built package, `.ts` when running from source (tests, the bench) through tsx.
 * From source, a small bootstrap registers tsx's loader in the worker before it imports the script: Node 20 runs the
 * inherited `--import tsx` in the main thread only, and Node 24 would strip the script's types itself and then fail
 * on its `.js` imports of `.ts` files, which only tsx maps. docs/threads.md lists the threads.
 */
export function startWorkerThread(besideUrl: string, name: string, options: WorkerOptions): Worker {
  const script = new URL(siblingModule(besideUrl, name));
  if (extname(fileURLToPath(script)) !== '.ts') return new Worker(script, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * The URL of the module `name` beside the module `besideUrl`, with its extension (as startWorkerThread): for a worker
 * to import a module its own layer may not name, such as the app's authenticator loader (queryWorker.ts).
 */
export function siblingModule(besideUrl: string, name: string): string {
  return new URL(`./${name}${extname(fileURLToPath(besideUrl))}`, besideUrl).href;
}
