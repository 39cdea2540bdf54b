import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './paths.js';

export interface CliProcess {
  readonly child: ChildProcess;
  /** Receivers' bound addresses from the "spanbridge started" log line, by receiver id then transport. */
  readonly receivers: Record<string, Record<string, string>>;
  readonly telemetryAddress: string;
  /** The query server's address, when the config has one. */
  readonly queryAddress: string | undefined;
  /** Every log line seen so far (pino JSON). */
  readonly lines: string[];
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built CLI (dist/main.js) and waits until it logs that it started. */
export function startCli(args: string[], options: { timeoutMillis?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'main.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`spanbridge did not start in time:\n${lines.join('\n')}`));
    }, options.timeoutMillis ?? 20_000);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`spanbridge exited with ${code} before starting:\n${stderr}\n${lines.join('\n')}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      let rec: { msg?: string; receivers?: Record<string, Record<string, string>>; telemetry?: string; query?: string };
      try {
        rec = JSON.parse(line) as typeof rec;
      } catch {
        return;
      }
      if (rec.msg === 'spanbridge started') {
        clearTimeout(timer);
        resolve({
          child,
          receivers: rec.receivers ?? {},
          telemetryAddress: rec.telemetry ?? '',
          queryAddress: rec.query,
          lines,
          stop(signal: NodeJS.Signals = 'SIGTERM') {
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
