// The persistent BatchQueue behind `sending_queue.storage` (docs/durability.md): one file per batch, so a batch is
// written once, removed with one unlink, and nothing ever needs compacting. Under the component's directory:
//   queue/NNNNNNNNNNNNNNNN-SPANS.binpb        waiting or being sent, in sequence order
//   dead_letter/NNNNNNNNNNNNNNNN-SPANS.binpb  given up on (retries exhausted, refused for good); `spanbridge replay`
// A file appears under its final name only complete (written to a dot-named temporary file, synced, renamed, the
// folder synced), so a crash leaves either the whole batch or a temporary file that the next start deletes.
import { mkdir, open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PipelineError } from '../errors.js';
import type { BatchQueue, TakenItem } from './queue.js';

export const QUEUE_FOLDER = 'queue';
export const DEAD_LETTER_FOLDER = 'dead_letter';
const NAME = /^(\d{16})-(\d+)\.binpb$/;
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
const DISK_FULL_RETRY_MILLIS = 5000;

export interface FileQueueOptions<T> {
  /** The component's own folder (the storage extension hands it out). */
  directory: string;
  /** Sync each file and its folder before `offer` resolves (else the operating system writes it when it likes). */
  fsync: boolean;
  /** Bytes of queued files at most; a batch that would go over is refused. */
  maxBytes: number;
  /** Weight (spans) of queued batches at most. */
  maxWeight: number;
  /** Bytes of dead letters kept at most; a failed batch that does not fit is deleted (the caller counts it). */
  maxDeadLetterBytes: number;
  encode(item: T): Uint8Array;
  decode(bytes: Uint8Array): T;
  /** Told of a queued file that cannot be read back (it is moved to the dead letters). */
  onUnreadable?(file: string, err: unknown): void;
}

export interface FileQueue<T> extends BatchQueue<T> {
  /** Bytes of queued files, those being sent included. */
  readonly bytes: number;
}

interface Entry {
  name: string;
  weight: number;
  bytes: number;
}

/** Lists the batch files of a folder, oldest first. */
export async function listBatchFiles(folder: string): Promise<Array<{ name: string; seq: bigint; weight: number }>> {
  const names = await readdir(folder).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
  return names
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ name, seq: BigInt(m[1] ?? '0'), weight: Number(m[2]) }))
    .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
}

async function syncFolder(folder: string): Promise<void> {
  const fh = await open(folder, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function folderBytes(folder: string, names: string[]): Promise<number> {
  let total = 0;
  for (const name of names) total += (await stat(join(folder, name)).catch(() => ({ size: 0 }))).size;
  return total;
}

/**
 * Opens (creating) the queue in `directory`: leftover temporary files are deleted and the batch files found are queued
 * again in their order, so a restart resumes where the last process stopped.
 */
export async function openFileQueue<T>(o: FileQueueOptions<T>): Promise<FileQueue<T>> {
  const queueDir = join(o.directory, QUEUE_FOLDER);
  const deadDir = join(o.directory, DEAD_LETTER_FOLDER);
  await mkdir(queueDir, { recursive: true });
  await mkdir(deadDir, { recursive: true });
  for (const name of await readdir(queueDir)) if (name.startsWith('.') && name.endsWith('.tmp')) await unlink(join(queueDir, name)).catch(() => undefined);

  const pending: Entry[] = [];
  let bytes = 0;
  let weight = 0;
  let seq = 0n;
  for (const f of await listBatchFiles(queueDir)) {
    const size = (await stat(join(queueDir, f.name))).size;
    pending.push({ name: f.name, weight: f.weight, bytes: size });
    bytes += size;
    weight += f.weight;
    seq = f.seq + 1n;
  }
  for (const f of await listBatchFiles(deadDir)) if (f.seq >= seq) seq = f.seq + 1n;

  const waiters: Array<(v: TakenItem<T> | undefined) => void> = [];
  let closed = false;

  async function moveToDeadLetters(entry: Entry): Promise<string | undefined> {
    const from = join(queueDir, entry.name);
    const kept = (await folderBytes(deadDir, (await listBatchFiles(deadDir)).map((f) => f.name))) + entry.bytes <= o.maxDeadLetterBytes;
    if (kept) {
      await rename(from, join(deadDir, entry.name));
      if (o.fsync) await syncFolder(deadDir);
    } else {
      await unlink(from).catch(() => undefined);
    }
    return kept ? join(deadDir, entry.name) : undefined;
  }

  function taken(entry: Entry, item: T): TakenItem<T> {
    return {
      item,
      weight: entry.weight,
      async settle(outcome) {
        bytes -= entry.bytes;
        weight -= entry.weight;
        if (outcome === 'delivered') {
          await unlink(join(queueDir, entry.name)).catch(() => undefined);
          return undefined;
        }
        return moveToDeadLetters(entry);
      },
    };
  }

  async function write(name: string, data: Uint8Array): Promise<void> {
    const tmp = join(queueDir, `.${name}.tmp`);
    try {
      const fh = await open(tmp, 'wx');
      try {
        await fh.writeFile(data);
        if (o.fsync) await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, join(queueDir, name));
      if (o.fsync) await syncFolder(queueDir);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (DISK_FULL.has(code)) throw new PipelineError('SB_STORAGE_FULL', `persistent queue ${o.directory}: the disk is full (${code})`, { retryAfterMillis: DISK_FULL_RETRY_MILLIS, cause: e });
      throw new PipelineError('SB_EXPORT_FAILED', `persistent queue ${o.directory}: cannot write a batch: ${(e as Error).message}`, { cause: e });
    }
  }

  return {
    persistent: true,
    get size() {
      return pending.length;
    },
    get bytes() {
      return bytes;
    },
    async offer(item, itemWeight) {
      if (closed) return false;
      const data = o.encode(item);
      if (bytes + data.byteLength > o.maxBytes || weight + itemWeight > o.maxWeight) return false;
      // Counted before the write, so concurrent offers cannot together pass the bounds.
      bytes += data.byteLength;
      weight += itemWeight;
      const entry: Entry = { name: `${(seq++).toString().padStart(16, '0')}-${itemWeight}.binpb`, weight: itemWeight, bytes: data.byteLength };
      try {
        await write(entry.name, data);
      } catch (e) {
        bytes -= entry.bytes;
        weight -= entry.weight;
        throw e;
      }
      const w = waiters.shift();
      if (w) w(taken(entry, item));
      else pending.push(entry);
      return true;
    },
    async take() {
      for (;;) {
        if (closed) return undefined;
        const entry = pending.shift();
        if (!entry) return new Promise((resolve) => waiters.push(resolve));
        try {
          return taken(entry, o.decode(await readFile(join(queueDir, entry.name))));
        } catch (e) {
          o.onUnreadable?.(entry.name, e);
          await taken(entry, undefined as T).settle('failed');
        }
      }
    },
    close() {
      closed = true;
      for (const w of waiters.splice(0)) w(undefined);
    },
  };
}
