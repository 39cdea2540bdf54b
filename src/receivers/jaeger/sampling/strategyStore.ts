// The strategies the sampling endpoints serve: Jaeger's defaults without a file, else the file's, read at start (a
// file that cannot be read or parsed then fails the start) and again whenever it changes. A change is noticed by a
// file-system watch on the file's folder (editors and Kubernetes ConfigMaps replace files rather than write them) and,
// because watches miss changes on some file systems, by reading the file every reload interval; the text is parsed only
// when it differs from the last one read. A changed file that cannot be parsed is logged and the last good strategies
// stay in force, as in Jaeger.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { DEFAULT_STRATEGIES, parseStrategies, type Strategies } from './parseStrategies.js';
import type { SamplingStrategy } from './samplingStrategy.js';

export interface StrategyStore {
  /** The strategy for a service: its own, else the default one. */
  strategyFor(service: string): SamplingStrategy;
  /** Reads the file (when there is one) and starts watching it; rejects when the file cannot be read or parsed. */
  start(): Promise<void>;
  /** Stops watching. */
  close(): void;
  /** Re-reads the file now; resolves once done (what the watch and the timer call). */
  reload(): Promise<void>;
}

export interface StrategyStoreOptions {
  /** The strategies file; none means Jaeger's defaults. */
  file?: string;
  /** How often the file is read besides the watch; 0 means the watch alone. */
  reloadIntervalMillis: number;
  logger: Logger;
  /** Watch the file system for changes (default true); without it only the reload interval notices them. */
  watchFile?: boolean;
}

/** Waits this long after a watch event before reading, so a file written in several steps is read once complete. */
const SETTLE_MILLIS = 50;

export function createStrategyStore(options: StrategyStoreOptions): StrategyStore {
  let strategies: Strategies = DEFAULT_STRATEGIES;
  let lastText: string | undefined;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let settle: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();
  const file = options.file === undefined ? undefined : resolve(options.file);

  async function readOnce(failHard: boolean): Promise<void> {
    if (file === undefined) return;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if (failHard) throw new Error(`sampling strategy file ${file}: ${(e as Error).message}`, { cause: e });
      options.logger.warn({ file, err: (e as Error).message }, 'sampling strategy file could not be read; the last strategies stay in force');
      return;
    }
    if (text === lastText) return;
    try {
      strategies = parseStrategies(text);
    } catch (e) {
      if (failHard) throw new Error(`sampling strategy file ${file}: ${(e as Error).message}`, { cause: e });
      options.logger.warn({ file, err: (e as Error).message }, 'sampling strategy file is not valid; the last strategies stay in force');
      lastText = text;
      return;
    }
    lastText = text;
    if (!failHard) options.logger.info({ file }, 'sampling strategies reloaded');
  }

  function startWatch(): void {
    if (file === undefined) return;
    try {
      watcher = watch(dirname(file), (_event, name) => {
        if (name !== null && name !== basename(file)) return;
        clearTimeout(settle);
        settle = setTimeout(() => void reload(), SETTLE_MILLIS);
      });
      watcher.on('error', () => undefined);
    } catch (e) {
      options.logger.warn({ file, err: (e as Error).message }, 'cannot watch the sampling strategy file; it is read every reload interval only');
    }
  }

  function reload(): Promise<void> {
    // One read at a time, in order, so an older read never overwrites a newer one.
    reading = reading.then(() => readOnce(false));
    return reading;
  }

  return {
    strategyFor(service) {
      return strategies.serviceStrategies.get(service) ?? strategies.defaultStrategy;
    },
    async start() {
      if (file === undefined) return;
      await readOnce(true);
      if (options.watchFile !== false) startWatch();
      if (options.reloadIntervalMillis > 0) {
        timer = setInterval(() => void reload(), options.reloadIntervalMillis);
        timer.unref();
      }
    },
    close() {
      watcher?.close();
      clearInterval(timer);
      clearTimeout(settle);
      watcher = undefined;
    },
    reload,
  };
}
