#!/usr/bin/env node
// The only place that reads argv and env, installs signal handlers and exits; everything else takes them as arguments.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino, type Logger } from 'pino';
import { DEFAULT_CONFIG, NOT_BUILT_YET } from './app/defaultConfig.js';
import { startSpanbridge, type RunningSpanbridge } from './app/startSpanbridge.js';
import { ConfigError } from './config/configError.js';
import { componentType } from './config/loadConfig.js';
import { loadServiceConfig } from './app/loadServiceConfig.js';
import { runDemoCommand } from './demo/runDemoCommand.js';
import { runReplayCommand } from './app/replayCommand.js';
import { limitHeapGrowth, limitParallelScavenge } from './threads/gcSettings.js';
import { createLogger, LOG_FORMATS, resolveLogFormat, type LogFormat } from './telemetry/logger.js';
import { runXrayCommand } from './xray/cli/runXrayCommand.js';
import { VERSION } from './version.js';

const HELP = `spanbridge ${VERSION} - mesh-aware tracing pipeline

Usage:
  spanbridge [--config FILE] [--demo]    run (without --config: the all-in-one default on localhost)
  spanbridge validate --config FILE      check a configuration and exit (0 = valid)
  spanbridge replay --config FILE [--exporter ID] [DIR]
                                         send dead letters again (replay --help)
  spanbridge demo --target URL [...]     run the demo mesh against a running Spanbridge (demo --help)
  spanbridge xray send-sample --endpoint URL        a sample X-Ray-derived trace to an OTLP/HTTP endpoint
  spanbridge xray generate-sample [--endpoint URL]  PutTraceSegments of a sample trace (xray --help)
  spanbridge --help | --version

Options:
  -c, --config FILE   YAML configuration in the OpenTelemetry Collector's shape
      --demo          also start the demo mesh
      --log-format F  json (one object a line) or text (for a person); default: text on a terminal, else JSON,
                      unless service.telemetry.logs.encoding says json or console
  -h, --help          show this help
  -v, --version       print the version
`;

/** A signal aborted by the first SIGINT or SIGTERM. */
function stopSignal(): AbortSignal {
  const ac = new AbortController();
  process.once('SIGINT', () => ac.abort());
  process.once('SIGTERM', () => ac.abort());
  return ac.signal;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'demo') return runDemoCommand(argv.slice(1), { stdout: process.stdout, stderr: process.stderr, signal: stopSignal() });
  if (argv[0] === 'replay') {
    // Logs go to stderr, so stdout carries only the summary lines.
    const logger = createLogger({ level: process.env.SPANBRIDGE_LOG_LEVEL || 'warn', format: resolveLogFormat({ isTTY: process.stderr.isTTY === true }), destination: pino.destination({ dest: 2, sync: true }) });
    return runReplayCommand(argv.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env, readFile: (path) => readFileSync(path, 'utf8'), logger });
  }
  if (argv[0] === 'xray') return runXrayCommand(argv.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env });
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        demo: { type: 'boolean', default: false },
        'log-format': { type: 'string' },
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
  const logFormat = values['log-format'];
  if (logFormat !== undefined && !(LOG_FORMATS as readonly string[]).includes(logFormat)) {
    process.stderr.write(`--log-format must be one of ${LOG_FORMATS.join(', ')}, not "${logFormat}"\n\n${HELP}`);
    return 2;
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
      loadServiceConfig(configText, source, process.env);
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

  // The logger needs service.telemetry.logs before anything starts, so the configuration is read here first
  // (startSpanbridge checks it again; both are the same pure function of the text and the environment).
  let logger: Logger;
  try {
    const logs = loadServiceConfig(configText, source, process.env).service.telemetry.logs;
    logger = createLogger({
      // service.telemetry.logs.level decides, unless SPANBRIDGE_LOG_LEVEL overrides it.
      level: process.env.SPANBRIDGE_LOG_LEVEL || logs.level,
      format: resolveLogFormat({ flag: logFormat as LogFormat | undefined, encoding: logs.encoding, isTTY: process.stdout.isTTY === true }),
    });
  } catch (e) {
    // A ConfigError lists every problem; pino refuses an unknown SPANBRIDGE_LOG_LEVEL.
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  // Before the threads start: V8's collection settings hold for every isolate of the process.
  let heapGrowingPercent: number | undefined;
  let serialScavenge: boolean | undefined;
  try {
    heapGrowingPercent = limitHeapGrowth(process.execArgv, process.env.SPANBRIDGE_HEAP_GROWING_PERCENT);
    serialScavenge = limitParallelScavenge(process.execArgv, process.env.SPANBRIDGE_PARALLEL_SCAVENGE);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  // Undefined (left out of the record) where node's own flags decide.
  logger.debug({ heapGrowingPercent, serialScavenge }, 'V8 collection settings');
  let running;
  try {
    running = await startSpanbridge({ configText, source, env: process.env, logger });
  } catch (e) {
    if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else logger.error({ err: e }, 'start failed');
    return 1;
  }
  // Signal handlers before the "started" line: whoever waits for that line may stop the process at once.
  const stopRequested = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const listening: Record<string, Record<string, string>> = {};
  for (const id of Object.keys(running.config.receivers)) listening[id] = running.service.endpoints(id);
  logger.info({ version: VERSION, config: source, receivers: listening, telemetry: running.telemetryAddress, query: running.queryAddress }, 'spanbridge started');
  if (!values.config && NOT_BUILT_YET.length > 0) logger.info({ notBuiltYet: NOT_BUILT_YET }, 'parts of the all-in-one default that are not built yet');
  const demo = values.demo ? await startDemo(running, logger) : undefined;

  logger.info({ signal: await stopRequested }, 'shutting down');
  try {
    await demo?.stop();
    await running.shutdown();
    return 0;
  } catch (e) {
    logger.error({ err: e }, 'shutdown failed');
    return 1;
  }
}

/** `--demo`: the demo mesh sends to this process's own Zipkin and OTLP/HTTP receivers. */
async function startDemo(running: RunningSpanbridge, logger: Logger): Promise<{ stop(): Promise<void> } | undefined> {
  const ids = Object.keys(running.config.receivers);
  const zipkin = ids.map((id) => componentType(id) === 'zipkin' ? running.service.endpoints(id).http : undefined).find(Boolean);
  const otlp = ids.map((id) => componentType(id) === 'otlp' ? running.service.endpoints(id).http : undefined).find(Boolean);
  if (!zipkin || !otlp) {
    logger.error('--demo needs a zipkin receiver and an otlp receiver with the http protocol');
    return undefined;
  }
  const { startDemoMesh } = await import('./demo/startDemoMesh.js');
  // Some faults from the start, so the service map shows health colours at once; `spanbridge demo` tunes them.
  const mesh = await startDemoMesh({ zipkinUrl: `http://${zipkin}/api/v2/spans`, otlpUrl: `http://${otlp}/v1/traces`, rate: 5, errorRate: 0.1, delayMillis: 300, logger: logger.child({ component: 'demo' }) });
  const ui = running.queryAddress ? `http://${running.queryAddress.replace(/^127\.0\.0\.1|^\[::1\]/, 'localhost')}/` : undefined;
  logger.info({ productpage: mesh.productpageUrl, ui }, ui ? `demo mesh running; open ${ui}` : 'demo mesh running');
  return mesh;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
