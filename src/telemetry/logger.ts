import { pino, type DestinationStream, type Logger } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';

/** How log lines are written: one JSON object a line (log shippers, the tests), or pino-pretty's text for a person. */
export type LogFormat = 'json' | 'text';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'text'];

/** `service.telemetry.logs.encoding`, named as in the OpenTelemetry Collector. */
export type LogEncoding = 'json' | 'console';

export interface LogFormatChoice {
  /** `--log-format` on the command line. */
  flag?: LogFormat | undefined;
  /** `service.telemetry.logs.encoding` from the configuration. */
  encoding?: LogEncoding | undefined;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
}

/** The flag wins, then the configuration; without either, text on a terminal and JSON anywhere else (pipes, files). */
export function resolveLogFormat(choice: LogFormatChoice): LogFormat {
  if (choice.flag) return choice.flag;
  if (choice.encoding) return choice.encoding === 'console' ? 'text' : 'json';
  return choice.isTTY ? 'text' : 'json';
}

export interface LoggerOptions {
  level: string;
  format: LogFormat;
  /** Where lines go; stdout when absent. */
  destination?: DestinationStream;
}

/**
 * The process logger. Text lines are formatted in the writing call (pino-pretty's prettyFactory) and written
 * synchronously like pino's own JSON, so the last lines before an exit are not lost in a stream pipeline. Colours only
 * on a terminal that supports them (NO_COLOR, FORCE_COLOR and TERM=dumb are honoured by pino-pretty).
 */
export function createLogger(options: LoggerOptions): Logger {
  const sink = options.destination ?? pino.destination({ dest: 1, sync: true });
  if (options.format === 'json') return pino({ level: options.level }, sink);
  const prettify = prettyFactory({
    colorize: options.destination === undefined && isColorSupported,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  return pino({ level: options.level }, { write: (line: string) => sink.write(prettify(line)) });
}
