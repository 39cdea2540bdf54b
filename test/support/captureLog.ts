// Test support: a pino logger whose lines a test can read back as records.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface CapturedLog {
  logger: Logger;
  /** Every line logged so far, parsed (pino JSON: `level` 30 info, 40 warn, 50 error; `msg`; the fields). */
  records(): Array<Record<string, unknown> & { level: number; msg: string }>;
}

export function captureLog(level = 'info'): CapturedLog {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level }, stream), records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { level: number; msg: string }) };
}
