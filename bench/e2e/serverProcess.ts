// The server under test in the end-to-end section: the built CLI (dist/main.js) in a child process, configured as
// examples/all-in-one.yaml without the X-Ray receiver, every listener on a free loopback port, the database in a temp
// folder, with the environment the image sets (deploy/docker/Dockerfile). Its addresses come from its "spanbridge
// started" log line; its CPU time and memory from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse, stringify } from 'yaml';
import { PACKAGE_ROOT } from '../../src/packageRoot.js';

export interface ServerAddresses {
  zipkin: string;
  otlpHttp: string;
  otlpGrpc: string;
  query: string;
  telemetry: string;
}

export interface RunningServer {
  pid: number;
  addresses: ServerAddresses;
  dataDir: string;
  stop(): Promise<void>;
}

/** Every `endpoint` and `address` of a config tree set to a free loopback port. */
function onLoopback(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'endpoint' || key === 'address') && typeof value === 'string') (node as Record<string, unknown>)[key] = '127.0.0.1:0';
    else onLoopback(value);
  }
}

/** The all-in-one example as the bench runs it: Zipkin and OTLP in, every listener on 127.0.0.1:0, info logs. */
export function benchServerConfig(allInOneYaml: string, clickhouseEndpoint?: string): string {
  const config = parse(allInOneYaml) as Record<string, Record<string, unknown>>;
  // The receivers the load uses; the others (X-Ray, Jaeger) would only bind more ports.
  for (const r of ['awsxray', 'jaeger']) delete config.receivers?.[r];
  const service = config.service as { pipelines: { traces: { receivers: string[] } }; telemetry: { metrics: { address: string }; logs?: { level: string } } };
  service.pipelines.traces.receivers = service.pipelines.traces.receivers.filter((r) => r !== 'awsxray' && r !== 'jaeger');
  service.telemetry.logs = { level: 'info' };
  onLoopback(config);
  // storage.clickhouse replaces the SQLite store, as a user switches it (after the listeners moved to loopback).
  if (clickhouseEndpoint !== undefined) (config.storage as Record<string, unknown>).clickhouse = { endpoint: clickhouseEndpoint, database: 'spanbridge_e2e' };
  return stringify(config);
}

/** The addresses in the server's "spanbridge started" log line (pino JSON), or undefined for any other line. */
export function startedAddresses(line: string): ServerAddresses | undefined {
  let record: { msg?: string; receivers?: Record<string, Record<string, string>>; telemetry?: string; query?: string };
  try {
    record = JSON.parse(line) as typeof record;
  } catch {
    return undefined;
  }
  if (record.msg !== 'spanbridge started') return undefined;
  const r = record.receivers ?? {};
  return {
    zipkin: r.zipkin?.http ?? '',
    otlpHttp: r.otlp?.http ?? '',
    otlpGrpc: r.otlp?.grpc ?? '',
    query: record.query ?? '',
    telemetry: record.telemetry ?? '',
  };
}

/**
 * The variables the image's runtime stage sets (`ENV` lines after the last `FROM` of a Dockerfile, `KEY=value` pairs
 * without quotes), which the server runs with as it does in the image.
 */
export function imageEnvironment(dockerfile: string): Record<string, string> {
  const stages = dockerfile.split(/^FROM\s/m);
  const env: Record<string, string> = {};
  for (const line of (stages[stages.length - 1] ?? '').split('\n')) {
    const m = /^ENV\s+(.*)$/.exec(line.trim());
    if (m === null) continue;
    for (const pair of (m[1] ?? '').split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq <= 0 || /["'\\]/.test(pair)) throw new Error(`Dockerfile: cannot read "${pair}" of "${line.trim()}" (KEY=value pairs without quotes)`);
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

/** The image's environment for the server, or none when SPANBRIDGE_E2E_IMAGE_ENV=off (bench/README.md). */
export function serverImageEnvironment(): Record<string, string> {
  if (process.env.SPANBRIDGE_E2E_IMAGE_ENV === 'off') return {};
  return imageEnvironment(readFileSync(join(PACKAGE_ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8'));
}

/** Starts dist/main.js (build first) and resolves once it has logged its addresses. */
export async function startServer(options: { clickhouseEndpoint?: string } = {}): Promise<RunningServer> {
  const root = PACKAGE_ROOT;
  const dataDir = mkdtempSync(join(tmpdir(), 'spanbridge-e2e-'));
  const configPath = join(dataDir, 'config.yaml');
  writeFileSync(configPath, benchServerConfig(readFileSync(join(root, 'examples', 'all-in-one.yaml'), 'utf8'), options.clickhouseEndpoint));
  // Node options for the server only, e.g. SPANBRIDGE_E2E_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (README.md).
  const nodeArgs = (process.env.SPANBRIDGE_E2E_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(root, 'dist', 'main.js'), '--config', configPath], {
    // The image's variables as `docker run -e` would leave them: the caller's environment overrides them.
    env: { ...serverImageEnvironment(), ...process.env, SPANBRIDGE_DATA_DIR: dataDir, SPANBRIDGE_LOG_LEVEL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const addresses = await new Promise<ServerAddresses>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const log: string[] = [];
    lines.on('line', (line) => {
      const found = startedAddresses(line);
      if (found !== undefined) resolve(found);
      else if (log.length < 50) log.push(line);
    });
    child.once('exit', (code) => reject(new Error(`spanbridge exited (${code}) before it started:\n${log.join('\n')}\n${stderr.join('')}`)));
  });
  return {
    pid: child.pid as number,
    addresses,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU time and memory of a process, from /proc. */
export interface ProcStats {
  /** User + system CPU seconds of every thread. */
  cpuSeconds: number;
  /** Resident set now and at its peak (VmHWM), MiB. */
  rssMiB: number;
  peakRssMiB: number;
}

let clockTicks: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on Linux when it cannot be asked). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime + stime (fields 14 and 15) of a /proc/<pid>/stat line, in clock ticks. The command name may hold spaces. */
export function parseStatTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the name start at field 3 (state), so field n is at index n - 3.
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}

/** A `Name:   123 kB` line of /proc/<pid>/status, in MiB (NaN when absent). */
export function parseStatusMiB(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  return m === null ? Number.NaN : Number(m[1]) / 1024;
}

export function procStats(pid: number): ProcStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuSeconds: parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) / ticksPerSecond(),
    rssMiB: parseStatusMiB(status, 'VmRSS'),
    peakRssMiB: parseStatusMiB(status, 'VmHWM'),
  };
}
