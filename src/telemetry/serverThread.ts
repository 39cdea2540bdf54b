// The main thread's side of a server that runs in a worker thread of its own (the query server, the telemetry
// server): the thread reports `listening` or `failed` once, posts its log lines for the main logger (threadLog.ts),
// and on `close` stops its server and answers `closed` before it is terminated (docs/threads.md).
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { writeThreadLog } from './threadLog.js';

/** The messages every server thread sends; a thread's own protocol adds its others. */
export type ServerThreadMessage = { op: 'listening'; address: string } | { op: 'failed'; message: string } | { op: 'log'; record: string } | { op: 'closed' };

export interface ServerThreadHandle {
  /** `host:port` it listens on. */
  address: string;
  /** Asks the thread to stop its server, waits for it (or for the thread's end), then terminates it. */
  close(): Promise<void>;
}

/**
 * Resolves once `worker` listens, rejects with its start-up error or its end. `onMessage` takes the thread's own
 * messages; `onEnd` runs once the thread is meant to stop or has stopped (to stop what feeds it). An end other than
 * by `close` is logged as an error, naming `name`.
 */
export function awaitServerThread<M extends { op: string }>(
  worker: Worker,
  options: { name: string; logger: Logger; onMessage?: (m: M) => void; onEnd?: () => void },
): Promise<ServerThreadHandle> {
  const { name, logger } = options;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let closed: (() => void) | undefined;
  // Set when the thread is meant to stop (closed, or failed to start): any other end is logged.
  let stopping = false;

  return new Promise((resolve, reject) => {
    worker.on('message', (m: ServerThreadMessage | M) => {
      switch (m.op) {
        case 'listening':
          resolve({
            address: (m as { address: string }).address,
            async close() {
              stopping = true;
              options.onEnd?.();
              const done = new Promise<void>((r) => (closed = r));
              worker.postMessage({ op: 'close' });
              await Promise.race([done, exited]);
              await worker.terminate();
            },
          });
          return;
        case 'failed':
          stopping = true;
          options.onEnd?.();
          reject(new Error((m as { message: string }).message));
          void worker.terminate();
          return;
        case 'log':
          writeThreadLog(logger, (m as { record: string }).record);
          return;
        case 'closed':
          closed?.();
          return;
        default:
          options.onMessage?.(m as M);
      }
    });
    worker.on('error', (e) => {
      options.onEnd?.();
      logger.error({ err: e }, `the ${name} thread failed`);
      reject(e);
    });
    worker.once('exit', (code) => {
      options.onEnd?.();
      if (!stopping) logger.error({ exitCode: code }, `the ${name} thread stopped`);
      reject(new Error(`the ${name} thread stopped (exit code ${code})`));
    });
  });
}
