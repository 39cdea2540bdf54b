/**
 * A bounded FIFO queue of batches waiting for an exporter. It is an interface so a persistent (on-disk)
 * implementation can replace the in-memory one without touching exporters.
 */
export interface BatchQueue<T> {
  /** Adds an item; false when the queue is full or closed (the caller refuses the data). */
  offer(item: T, weight: number): boolean;
  /** The next item, waiting for one; undefined once the queue is closed and empty. */
  take(): Promise<T | undefined>;
  /** Items waiting. */
  readonly size: number;
  /** Refuses new items; `take` drains what is left, then returns undefined. */
  close(): void;
}

/** In-memory queue bounded by total weight (spans), as the Collector's `sending_queue.queue_size` with sizer items. */
export function createMemoryQueue<T>(capacity: number): BatchQueue<T> {
  const items: Array<{ item: T; weight: number }> = [];
  const waiters: Array<(v: T | undefined) => void> = [];
  let used = 0;
  let closed = false;
  return {
    offer(item, weight) {
      if (closed || (used + weight > capacity && items.length > 0) || weight > capacity) return false;
      const w = waiters.shift();
      if (w) {
        w(item);
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
        return Promise.resolve(next.item);
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
