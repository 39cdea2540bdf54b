// Groups concurrent writes into one insert (README.md, "Writes"). A write waits until its group's insert is
// acknowledged: its promise settles with that insert. One insert runs at a time; writes arriving meanwhile form the
// next group, which starts when the running insert ends and the group is full (`maxSize`) or its first write has
// waited `maxDelayMillis`. With a delay of 0 a lone write is inserted at once, and a busy store still groups.

export interface InsertBatcherOptions<T> {
  /** Size (e.g. spans) at which a group goes without waiting. */
  maxSize: number;
  maxDelayMillis: number;
  insert(items: T[]): Promise<void>;
}

export interface InsertBatcher<T> {
  /** Resolves when the insert holding `item` succeeded; rejects with its error. */
  add(item: T, size: number): Promise<void>;
  /** Resolves when every write added so far is settled. */
  drain(): Promise<void>;
}

interface Waiter<T> {
  item: T;
  resolve(): void;
  reject(e: unknown): void;
}

export function createInsertBatcher<T>(options: InsertBatcherOptions<T>): InsertBatcher<T> {
  let group: Waiter<T>[] = [];
  let groupSize = 0;
  let groupSince = 0;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function maybeStart(): void {
    if (running !== undefined || group.length === 0) return;
    const waited = Date.now() - groupSince;
    if (groupSize < options.maxSize && waited < options.maxDelayMillis) {
      timer ??= setTimeout(() => {
        timer = undefined;
        maybeStart();
      }, options.maxDelayMillis - waited);
      return;
    }
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const waiters = group;
    group = [];
    groupSize = 0;
    running = (async () => {
      try {
        await options.insert(waiters.map((w) => w.item));
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e);
      }
    })().finally(() => {
      running = undefined;
      maybeStart();
    });
  }

  return {
    add(item, size) {
      return new Promise<void>((resolve, reject) => {
        if (group.length === 0) groupSince = Date.now();
        group.push({ item, resolve, reject });
        groupSize += size;
        maybeStart();
      });
    },
    async drain() {
      while (running !== undefined || group.length > 0) {
        if (running === undefined) {
          groupSince = 0;
          maybeStart();
        }
        await running;
      }
    },
  };
}
