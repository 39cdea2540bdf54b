import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Test harness: a throw-away clickhouse-server (Debian's package, 18.16) in a temporary folder on free loopback ports,
// optionally one of a cluster (remote_servers and ZooKeeper for ON CLUSTER DDL; clickhouseCluster.ts).

const CANDIDATES = ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'];

export function clickhouseServerPath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * Why ClickHouse tests cannot run, or undefined when they can. With CI=true a missing server is a failure, not a
 * skip: the callers' describe blocks only skip outside CI.
 */
export function clickhouseUnavailable(): string | undefined {
  return clickhouseServerPath() === undefined ? 'clickhouse-server is not installed (apt-get install clickhouse-server)' : undefined;
}

/** `{ skip }` for a describe block: skips outside CI when the server is missing; in CI the tests run (and fail). */
export function skipWithoutClickHouse(): { skip?: string } {
  const missing = clickhouseUnavailable();
  return missing !== undefined && process.env.CI !== 'true' ? { skip: missing } : {};
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface ClickHouseServerOptions {
  /** XML put inside <yandex> as it is (remote_servers, zookeeper, macros). */
  extraConfig?: string;
  httpPort?: number;
  tcpPort?: number;
}

export interface RunningClickHouse {
  /** e.g. http://127.0.0.1:PORT */
  endpoint: string;
  httpPort: number;
  tcpPort: number;
  /** The server's folder: data, config and its logs (server.log, error.log) until stop. */
  dir: string;
  stop(): Promise<void>;
}

const USERS_XML = `<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

/** Starts clickhouse-server and waits until its HTTP interface answers a query. */
export async function startClickHouseServer(options: ClickHouseServerOptions = {}): Promise<RunningClickHouse> {
  const binary = clickhouseServerPath();
  if (binary === undefined) throw new Error(clickhouseUnavailable());
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-clickhouse-'));
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub));
  const httpPort = options.httpPort ?? (await freePort());
  const tcpPort = options.tcpPort ?? (await freePort());
  writeFileSync(join(dir, 'users.xml'), USERS_XML);
  writeFileSync(
    join(dir, 'config.xml'),
    `<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  ${options.extraConfig ?? ''}
</yandex>
`,
  );
  const child: ChildProcess = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${endpoint}/?query=SELECT%201`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (attempt >= 300 || child.exitCode !== null) {
      await stop();
      throw new Error(`clickhouse-server on port ${httpPort} did not start`);
    }
    await sleep(100);
  }
  return { endpoint, httpPort, tcpPort, dir, stop };
}
