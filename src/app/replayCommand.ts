// `spanbridge replay`: sends an exporter's dead letters (batches its persistent queue gave up on, docs/durability.md)
// again, through the same exporter, configured as in the configuration file, without its queue: each batch is sent with
// the exporter's retries and its file deleted once the backend accepted it.
import { readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { decodeOtlpProto } from '../codecs/otlp/decodeOtlpProto.js';
import { componentType } from '../config/loadConfig.js';
import { factories } from '../components.js';
import type { FileStorageConfig } from '../extensions/file_storage/config.js';
import { componentFolderName } from '../extensions/file_storage/fileStorage.js';
import { asPipelineError } from '../errors.js';
import { countSpans } from '../model/batch.js';
import type { ExporterFactory } from '../pipeline/component.js';
import { DEAD_LETTER_FOLDER } from '../pipeline/fileQueue.js';
import type { ExporterHelperConfig } from '../pipeline/queuedExporter.js';
import { createTelemetry } from '../telemetry/telemetry.js';
import { loadServiceConfig, type SpanbridgeConfig } from './loadServiceConfig.js';

export const REPLAY_HELP = `Usage:
  spanbridge replay --config FILE [--exporter ID] [DIR]
      Sends dead letters again: the OTLP protobuf batch files (*.binpb) an exporter's persistent queue gave up on.
      Without DIR, each exporter with sending_queue.storage (or only --exporter ID) replays its own dead-letter folder;
      with DIR, the files of DIR go through the one exporter named (or the only one with storage). A file is deleted
      once the backend accepted it; the first batch that still fails stops the run and it stays. Exit: 0 all sent,
      1 some left, 2 bad usage.
`;

export interface ReplayIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  readFile(path: string): string;
  logger: Logger;
}

/** The dead-letter folder of an exporter with `sending_queue.storage`, as its file_storage lays it out. */
function deadLetterFolder(config: SpanbridgeConfig, exporterId: string): string | undefined {
  const storageId = (config.exporters[exporterId] as Partial<ExporterHelperConfig> | undefined)?.sending_queue?.storage;
  if (storageId === undefined) return undefined;
  const storage = config.extensions[storageId] as FileStorageConfig;
  return join(storage.directory, componentFolderName('exporter', exporterId), DEAD_LETTER_FOLDER);
}

interface ReplayResult {
  batches: number;
  spans: number;
  left: number;
}

async function replayFolder(config: SpanbridgeConfig, exporterId: string, folder: string, logger: Logger): Promise<ReplayResult> {
  const names = (await readdir(folder).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)))).filter((n) => n.endsWith('.binpb')).sort();
  const result: ReplayResult = { batches: 0, spans: 0, left: names.length };
  if (names.length === 0) return result;
  const factory = factories.get(`exporter:${componentType(exporterId)}`) as ExporterFactory | undefined;
  if (!factory) throw new Error(`no exporter factory for ${exporterId}`);
  const own = config.exporters[exporterId] as ExporterHelperConfig;
  // Without the queue, consume is the send itself (with retries): it resolves only once the backend accepted.
  const exporterConfig = { ...own, sending_queue: { ...own.sending_queue, enabled: false } };
  const telemetry = createTelemetry();
  const exporter = factory.createExporter({ id: exporterId, logger: logger.child({ component: exporterId }), telemetry }, exporterConfig as never);
  await exporter.start({ logger, telemetry });
  try {
    for (const name of names) {
      const path = join(folder, name);
      const batch = decodeOtlpProto(await readFile(path));
      const spans = countSpans(batch);
      try {
        await exporter.consume(batch);
      } catch (e) {
        logger.error({ exporter: exporterId, file: path, err: asPipelineError(e).message }, 'replay: the batch was not accepted; it stays, and the run stops');
        break;
      }
      await unlink(path);
      result.batches++;
      result.spans += spans;
      result.left--;
    }
  } finally {
    await exporter.shutdown();
  }
  return result;
}

/** `spanbridge replay ...`; `argv` is what follows `replay`. Resolves with the exit code. */
export async function runReplayCommand(argv: string[], io: ReplayIo): Promise<number> {
  let values: { config?: string; exporter?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string', short: 'c' }, exporter: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${REPLAY_HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(REPLAY_HELP);
    return 0;
  }
  if (!values.config || positionals.length > 1) {
    io.stderr.write(`replay needs --config FILE and at most one DIR\n\n${REPLAY_HELP}`);
    return 2;
  }
  let config: SpanbridgeConfig;
  try {
    config = loadServiceConfig(io.readFile(values.config), values.config, io.env);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  const withStorage = Object.keys(config.exporters).filter((id) => deadLetterFolder(config, id) !== undefined);
  if (values.exporter !== undefined && !(values.exporter in config.exporters)) {
    io.stderr.write(`--exporter ${values.exporter}: not defined in exporters of ${values.config}\n`);
    return 2;
  }
  const dir = positionals[0];
  let jobs: Array<{ id: string; folder: string }>;
  if (dir !== undefined) {
    const id = values.exporter ?? (withStorage.length === 1 ? withStorage[0] : undefined);
    if (id === undefined) {
      io.stderr.write(`replay DIR needs --exporter ID (exporters with storage: ${withStorage.join(', ') || 'none'})\n`);
      return 2;
    }
    jobs = [{ id, folder: dir }];
  } else {
    const ids = values.exporter !== undefined ? [values.exporter] : withStorage;
    if (ids.length === 0 || ids.some((id) => deadLetterFolder(config, id) === undefined)) {
      io.stderr.write(`no dead-letter folder: ${values.exporter ?? 'no exporter'} has sending_queue.storage; name a DIR\n`);
      return 2;
    }
    jobs = ids.map((id) => ({ id, folder: deadLetterFolder(config, id) as string }));
  }
  let left = 0;
  for (const { id, folder } of jobs) {
    const r = await replayFolder(config, id, folder, io.logger);
    left += r.left;
    io.stdout.write(`${id}: replayed ${r.batches} batches (${r.spans} spans) from ${folder}; ${r.left} left\n`);
  }
  return left === 0 ? 0 : 1;
}
