import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  stop(): Promise<void>;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A standalone ZooKeeper on a free loopback port, its data in a temporary folder. */
export async function startZooKeeper(): Promise<RunningZooKeeper> {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-zookeeper-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'zoo.cfg'),
    `tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=${dir}\nclientPort=${port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\nmaxClientCnxns=0\n`,
  );
  const child: ChildProcess = spawn(JAVA, ['-Xmx256m', '-Dzookeeper.log.dir=' + dir, '-cp', ZOOKEEPER_JAR, 'org.apache.zookeeper.server.ZooKeeperServerMain', join(dir, 'zoo.cfg')], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; !(await listening(port)); attempt++) {
    if (attempt >= 300 || child.exitCode !== null) {
      await stop();
      throw new Error(`zookeeper on port ${port} did not start`);
    }
    await sleep(100);
  }
  return { port, stop };
}

export interface RunningCluster {
  cluster: string;
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
    nodes,
    async stop() {
      for (const n of nodes) await n.stop();
      await zookeeper.stop();
    },
  };
}
