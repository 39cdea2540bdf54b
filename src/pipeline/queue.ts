/** One batch taken from a queue: it stays owed (on disk, for a persistent queue) until `settle` says what became of it. */
export interface TakenItem<T> {
  readonly item: T;
  readonly weight: number;
  /**
   * `delivered`: the backend accepted it, forget it. `failed`: retries are exhausted or it was refused for good; a
   * persistent queue moves it to its dead-letter folder and resolves with that file's path (undefined when it was not
   * kept). Not settling (shutdown interrupted the send) leaves a persistent queue's copy for the next start.
   */
  settle(outcome: 'delivered' | 'failed'): Promise<string | undefined>;
}

/**
 * A bounded FIFO queue of batches waiting for an exporter: in memory (createMemoryQueue) or on disk
 * (createFileQueue in fileQueue.ts). createQueuedExporter works with either.
 */
export interface BatchQueue<T> {
  /**
   * Adds an item; resolves true once it is held (written and, by the storage's policy, synced for a persistent queue),
   * false when the queue is full or closed (the caller refuses the data). Rejects with a PipelineError when the item
   * could not be stored (disk full, I/O error).
   */
  offer(item: T, weight: number): Promise<boolean>;
  /** The next item, waiting for one; undefined once the queue is closed (and, in memory, drained). */
  take(): Promise<TakenItem<T> | undefined>;
  /** Items waiting. */
  readonly size: number;
  /** Refuses new items; an in-memory queue still hands out what is left, a persistent one keeps it for the next start. */
  close(): void;
  /** True when items left at close survive the process (the exporter then need not drain before it stops). */
  readonly persistent: boolean;
}

const settled = () => Promise.resolve(undefined);

/** In-memory queue bounded by total weight (spans), as the Collector's `sending_queue.queue_size` with sizer items. */
export function createMemoryQueue<T>(capacity: number): BatchQueue<T> {
  const items: Array<{ item: T; weight: number }> = [];
  const waiters: Array<(v: TakenItem<T> | undefined) => void> = [];
  let used = 0;
  let closed = false;
  return {
    persistent: false,
    async offer(item, weight) {
      if (closed || (used + weight > capacity && items.length > 0) || weight > capacity) return false;
      const w = waiters.shift();
      if (w) {
        w({ item, weight, settle: settled });
        return true;
      }
      items.push({ item, weight });
      used += weight;
      return true;
    },
    take() {
      const next = items.shift();
      if (next) {
        used -= next.weight;
        return Promise.resolve({ ...next, settle: settled });
      }
      if (closed) return Promise.resolve(undefined);
      return new Promise((resolve) => waiters.push(resolve));
    },
    get size() {
      return items.length;
    },
    close() {
      closed = true;
      for (const w of waiters.splice(0)) w(undefined);
    },
  };
}
