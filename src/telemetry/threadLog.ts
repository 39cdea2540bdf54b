// Log records of a worker thread (the query thread, the telemetry thread) are written by the main thread's logger, so
// the process has one log stream in one format (docs/threads.md): the thread logs into pino as usual, each line is
// posted to the main thread, which writes it again through its own logger with the thread's fields.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** A logger for a worker thread at `level` that hands each JSON line to `send` (to be posted to the main thread). */
export function threadLogger(level: string, send: (record: string) => void): Logger {
  return pino(
    { level },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        send(chunk.toString('utf8'));
        done();
      },
    }),
  );
}

/** Writes a line a thread's logger sent (threadLogger) with `logger`, at its level, keeping its fields but the time and process. */
export function writeThreadLog(logger: Logger, line: string): void {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return;
  }
  const { level, msg, time: _time, pid: _pid, hostname: _hostname, ...fields } = record;
  const name = (pino.levels.labels[Number(level)] ?? 'info') as pino.Level;
  logger[name](fields, typeof msg === 'string' ? msg : '');
}
