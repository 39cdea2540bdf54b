import { pino, type Logger } from 'pino';
import { DEMO_HELP, parseDemoArgs } from './parseDemoArgs.js';

export interface DemoIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Aborting stops the demo (main.ts wires SIGINT/SIGTERM to it); without one the demo needs --duration. */
  signal?: AbortSignal;
  /** Defaults to warnings and errors as JSON on stderr. */
  logger?: Logger;
}

/**
 * `spanbridge demo ...`: runs the demo mesh against a running Spanbridge until --duration has passed or `io.signal`
 * aborts, with a live progress line (redrawn in place on a terminal). Exit codes: 0 done, 1 the mesh could not start
 * or no span reached the target, 2 bad arguments.
 */
export async function runDemoCommand(argv: readonly string[], io: DemoIo): Promise<number> {
  const parsed = parseDemoArgs(argv);
  if ('error' in parsed) {
    io.stderr.write(`${parsed.error}\n\n${DEMO_HELP}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(DEMO_HELP);
    return 0;
  }
  const { args } = parsed;
  const logger = io.logger ?? pino({ level: 'warn' }, pino.destination(2));
  const tty = io.stdout.isTTY === true;
  let mesh;
  try {
    // Loaded on demand: the OpenTelemetry SDK is only needed when the demo runs.
    const { startDemoMesh } = await import('./startDemoMesh.js');
    mesh = await startDemoMesh({ ...args, logger, onProgress: (line) => io.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`) });
  } catch (e) {
    io.stderr.write(`demo: cannot start the mesh: ${(e as Error).message}\n`);
    return 1;
  }
  io.stdout.write(
    `demo (${args.mesh}): productpage at ${mesh.productpageUrl}, ${args.rate} req/s${args.durationMillis === undefined ? ' until stopped' : ` for ${args.durationMillis / 1000} s`}; ` +
      `sidecar spans -> ${args.zipkinUrl}, app spans -> ${args.otlpUrl}\n`,
  );
  const aborted = new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([mesh.finished, aborted]);
  await mesh.stop();
  if (tty) io.stdout.write('\n');
  const stats = mesh.stats();
  const delivered = stats.zipkin.sent + stats.otlp.sent;
  const undelivered = stats.zipkin.dropped + stats.zipkin.failed + stats.zipkin.overflowed + stats.otlp.failed;
  if (delivered === 0 && undelivered > 0) {
    io.stderr.write(`demo: no span reached ${args.zipkinUrl} or ${args.otlpUrl}; is Spanbridge running there?\n`);
    return 1;
  }
  return 0;
}
