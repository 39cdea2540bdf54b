// Reads of the store made on one thread and run on another (docs/threads.md, "Reads"). The query APIs served on a
// receiver's port (Zipkin's on the Zipkin port, the X-Ray API's read operations) live on the main thread, where the
// receivers decode spans; their SQL - a search can read for up to storage.query_timeout - runs in the query thread
// instead, which has its own read-only connection. The main thread only renders the answers.
//
// Each StoreReader call crosses a MessagePort as its method name and arguments, structured-cloned (Maps, bigints and
// byte arrays survive the copy); the answer or the error comes back by the call's id. PipelineErrors keep their code,
// so a refusal (an invalid cursor, a search past its deadline) is answered as it would be on the query thread.
import type { MessagePort } from 'node:worker_threads';
import { PipelineError, type ErrorCode } from '../errors.js';
import type { StoreReader } from '../store/store.js';

type ReaderMethod = keyof StoreReader;

const METHODS: readonly ReaderMethod[] = [
  'getTrace', 'getTraceSummary', 'findTraces', 'getServices', 'getOperations', 'getRemoteServices',
  'getDependencies', 'getServiceMap', 'getAttributeKeys', 'getAttributeValues',
];

type ReadRequest = { id: number; method: ReaderMethod; args: unknown[] };
type ReadAnswer = { id: number; value: unknown } | { id: number; error: { code?: ErrorCode; message: string; retryAfterMillis?: number } };

/**
 * A StoreReader whose calls run in the thread holding the other end of `port` (serveReader). Calls made before that
 * thread serves wait in the port. Once the port closes, calls fail with SB_SHUTTING_DOWN.
 */
export function remoteReader(port: MessagePort): StoreReader {
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  let nextId = 1;
  let closed = false;
  port.on('message', (m: ReadAnswer) => {
    const w = waiting.get(m.id);
    if (w === undefined) return;
    waiting.delete(m.id);
    if (waiting.size === 0) port.unref();
    if ('error' in m) {
      const { code, message, retryAfterMillis } = m.error;
      w.reject(code === undefined ? new Error(message) : new PipelineError(code, message, retryAfterMillis === undefined ? {} : { retryAfterMillis }));
    } else {
      w.resolve(m.value);
    }
  });
  port.on('close', () => {
    closed = true;
    for (const w of waiting.values()) w.reject(new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed'));
    waiting.clear();
  });
  // The port keeps the process alive only while a read waits for its answer.
  port.unref();

  function call(method: ReaderMethod, args: unknown[]): Promise<unknown> {
    if (closed) return Promise.reject(new PipelineError('SB_SHUTTING_DOWN', 'the trace store is closed'));
    return new Promise((resolve, reject) => {
      const id = nextId++;
      if (waiting.size === 0) port.ref();
      waiting.set(id, { resolve, reject });
      port.postMessage({ id, method, args } satisfies ReadRequest);
    });
  }

  return Object.fromEntries(METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as StoreReader;
}

/** Answers the reads of the remoteReader at the other end of `port` with `reader`, in the order they come. */
export function serveReader(port: MessagePort, reader: StoreReader): void {
  port.on('message', (m: ReadRequest) => {
    void answer(m);
  });

  async function answer(m: ReadRequest): Promise<void> {
    let reply: ReadAnswer;
    try {
      if (!METHODS.includes(m.method)) throw new Error(`no store read named ${String(m.method)}`);
      const fn = reader[m.method] as (...args: unknown[]) => Promise<unknown>;
      reply = { id: m.id, value: await fn.apply(reader, m.args) };
    } catch (e) {
      reply = {
        id: m.id,
        error: e instanceof PipelineError
          ? { code: e.code, message: e.message, ...(e.retryAfterMillis === undefined ? {} : { retryAfterMillis: e.retryAfterMillis }) }
          : { message: e instanceof Error ? e.message : String(e) },
      };
    }
    port.postMessage(reply);
  }
}
