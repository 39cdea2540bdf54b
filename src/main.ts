#!/usr/bin/env node
// The only place that reads argv and env, installs signal handlers and exits (STYLE.md layout).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { DEFAULT_CONFIG, NOT_BUILT_YET } from './app/defaultConfig.js';
import { startSpanbridge } from './app/startSpanbridge.js';
import { configSections, factories } from './components.js';
import { ConfigError } from './config/configError.js';
import { loadConfig } from './config/loadConfig.js';
import { VERSION } from './version.js';

const HELP = `spanbridge ${VERSION} - mesh-aware tracing pipeline

Usage:
  spanbridge [--config FILE] [--demo]    run (without --config: the all-in-one default on localhost)
  spanbridge validate --config FILE      check a configuration and exit (0 = valid)
  spanbridge --help | --version

Options:
  -c, --config FILE   YAML configuration in the OpenTelemetry Collector's shape
      --demo          also start the demo mesh
  -h, --help          show this help
  -v, --version       print the version
`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = positionals[0] ?? 'run';
  const source = values.config ?? '(built-in default)';
  let configText: string;
  try {
    configText = values.config ? readFileSync(values.config, 'utf8') : DEFAULT_CONFIG;
  } catch (e) {
    process.stderr.write(`cannot read config: ${(e as Error).message}\n`);
    return 1;
  }

  if (command === 'validate') {
    if (!values.config) {
      process.stderr.write('validate needs --config FILE\n');
      return 2;
    }
    try {
      loadConfig(configText, source, { factories, sections: configSections, env: process.env });
      process.stdout.write(`${source}: valid\n`);
      return 0;
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      return 1;
    }
  }
  if (command !== 'run') {
    process.stderr.write(`unknown command "${command}"\n\n${HELP}`);
    return 2;
  }

  const logger = pino({ level: process.env.SPANBRIDGE_LOG_LEVEL ?? 'info' });
  let running;
  try {
    running = await startSpanbridge({ configText, source, logger, env: process.env });
  } catch (e) {
    if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else logger.error({ err: e }, 'start failed');
    return 1;
  }
  const listening: Record<string, Record<string, string>> = {};
  for (const id of Object.keys(running.config.receivers)) listening[id] = running.service.endpoints(id);
  logger.info({ version: VERSION, config: source, receivers: listening, telemetry: running.telemetryAddress }, 'spanbridge started');
  if (!values.config) logger.info({ notBuiltYet: NOT_BUILT_YET }, 'parts of the all-in-one default that are not built yet');
  if (values.demo) logger.info('the demo mesh is not built yet');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      running
        .shutdown()
        .then(() => resolve(0))
        .catch((e: unknown) => {
          logger.error({ err: e }, 'shutdown failed');
          resolve(1);
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
