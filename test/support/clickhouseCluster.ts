import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clickhouseUnavailable, freePort, startClickHouseServer, type RunningClickHouse } from './clickhouseServer.js';

// Test harness: a two-shard ClickHouse cluster on loopback, as distributed DDL needs it: a ZooKeeper (Debian's
// package, its server class run directly with a generated zoo.cfg) and two clickhouse-server processes whose
// remote_servers config names both as shards of CLUSTER_NAME.

export const CLUSTER_NAME = 'spanbridge_test';
const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
const JAVA = '/usr/bin/java';
/** Debian's slf4j binding that prints ZooKeeper's log (to zookeeper.log in its folder); without it the log is lost. */
const SLF4J_SIMPLE = '/usr/share/java/slf4j-simple.jar';

export function clusterUnavailable(): string | undefined {
  if (!existsSync(ZOOKEEPER_JAR)) return `${ZOOKEEPER_JAR} is missing (apt-get install zookeeper)`;
  if (!existsSync(JAVA)) return `${JAVA} is missing (apt-get install default-jre-headless)`;
  return clickhouseUnavailable();
}

export function skipWithoutCluster(): { skip?: string } {
  const missing = clusterUnavailable();
  return missing !== undefined && process.env.CI !== 'true' ? { skip: missing } : {};
}

export interface RunningZooKeeper {
  port: number;
  /** Its data and zookeeper.log, until stop. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * True once ZooKeeper serves requests: its port opens before that, and a clickhouse-server 18.16 that connects too
 * early fails its distributed DDL for good (its DDL worker crashes). `srvr` answers with the version only when serving.
 * A connection accepted while it starts may never be answered nor closed: after a second without a word the probe
 * gives up and the caller asks again.
 */
async function serving(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('connect', () => socket.write('srvr'));
    socket.on('data', (d: Buffer) => (answer += d.toString('utf8')));
    socket.once('close', () => resolve(answer.startsWith('Zookeeper version')));
    socket.once('error', () => resolve(false));
  });
}

/** A standalone ZooKeeper on a free loopback port, its data in a temporary folder. */
export async function startZooKeeper(): Promise<RunningZooKeeper> {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-zookeeper-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'zoo.cfg'),
    `tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=${dir}\nclientPort=${port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\nmaxClientCnxns=0\n4lw.commands.whitelist=srvr\n`,
  );
  const classpath = existsSync(SLF4J_SIMPLE) ? `${ZOOKEEPER_JAR}:${SLF4J_SIMPLE}` : ZOOKEEPER_JAR;
  const log = openSync(join(dir, 'zookeeper.log'), 'w');
  const child: ChildProcess = spawn(JAVA, ['-Xmx256m', '-cp', classpath, 'org.apache.zookeeper.server.ZooKeeperServerMain', join(dir, 'zoo.cfg')], { cwd: dir, stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; !(await serving(port)); attempt++) {
    if (attempt >= 300 || child.exitCode !== null) {
      await stop();
      throw new Error(`zookeeper on port ${port} did not start`);
    }
    await sleep(100);
  }
  return { port, dir, stop };
}

export interface RunningCluster {
  cluster: string;
  zookeeper: RunningZooKeeper;
  /** The HTTP endpoints of the two servers. */
  nodes: RunningClickHouse[];
  stop(): Promise<void>;
}

/** ZooKeeper and two clickhouse-servers, each a shard of CLUSTER_NAME. */
export async function startClickHouseCluster(): Promise<RunningCluster> {
  const zookeeper = await startZooKeeper();
  const ports = [await freePort(), await freePort()];
  const shards = ports.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join('');
  const extraConfig = `
  <remote_servers><${CLUSTER_NAME}>${shards}</${CLUSTER_NAME}></remote_servers>
  <zookeeper><node><host>127.0.0.1</host><port>${zookeeper.port}</port></node></zookeeper>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>`;
  const nodes: RunningClickHouse[] = [];
  try {
    for (const tcpPort of ports) nodes.push(await startClickHouseServer({ tcpPort, extraConfig }));
  } catch (e) {
    for (const n of nodes) await n.stop();
    await zookeeper.stop();
    throw e;
  }
  return {
    cluster: CLUSTER_NAME,
    zookeeper,
    nodes,
    async stop() {
      for (const n of nodes) await n.stop();
      await zookeeper.stop();
    },
  };
}
