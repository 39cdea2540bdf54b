// The persistent sending queue through the real CLI (docs/durability.md): Zipkin load into an `otlphttp` exporter whose
// queue is on disk, a real OTLP/HTTP backend started and stopped by the test. Every span a client got a 2xx for must
// reach the backend across a kill -9 and a SIGTERM with the backend down; a full queue answers 429 with Retry-After;
// a batch the backend refuses for good becomes a dead letter that `spanbridge replay` sends again.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { decodeOtlpProto } from '../codecs/otlp/decodeOtlpProto.js';
import { REPO_ROOT } from '../../test/support/paths.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';
import { eventually } from '../../test/support/rawHttp.js';

/** A real OTLP/HTTP backend on a fixed port: keeps every span id it accepted (a set: its idempotence) and the count. */
interface Backend {
  /** The port it listens on. */
  port: number;
  readonly distinct: Set<string>;
  received: number;
  /** The status it answers (200 accepts; 400 refuses for good). */
  status: number;
  close(): Promise<void>;
}

async function startBackend(port: number, status = 200): Promise<Backend> {
  const backend = { port, distinct: new Set<string>(), received: 0, status, close: async () => undefined } as Backend;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (backend.status === 200) {
        const body = Buffer.concat(chunks);
        for (const rs of decodeOtlpProto(req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).resourceSpans) {
          for (const ss of rs.scopeSpans) {
            for (const span of ss.spans) {
              backend.distinct.add(`${span.traceId}/${span.spanId}`);
              backend.received++;
            }
          }
        }
      }
      res.writeHead(backend.status, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  backend.port = (server.address() as { port: number }).port;
  backend.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return backend;
}

/** A port nothing listens on (the backend "down"): bound, then released. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Runs the CLI without blocking this process (the backend it sends to lives here). */
async function runCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'dist', 'main.js'), ...args], { encoding: 'utf8' });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { status: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'spanbridge-durable-e2e-'));
  dirs.push(d);
  return d;
}

/**
 * Mounts a tmpfs of `kib` KiB at `dir` (a disk that really fills up: the queue's writes fail with ENOSPC), or says why
 * it cannot: mounting needs root, as CI has.
 */
function mountSmallDisk(dir: string, kib: number): string | undefined {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return `cannot mount a tmpfs (needs root): ${(e as Error).message.split('\n')[0]}`;
  }
}

function writeConfig(dir: string, backendPort: number, queue: string, storageDir = join(dir, 'storage')): string {
  const path = join(dir, 'config.yaml');
  writeFileSync(
    path,
    `
extensions:
  file_storage: {directory: ${storageDir}, fsync: true}
receivers:
  zipkin: {endpoint: 127.0.0.1:0}
processors:
  batch: {timeout: 20ms, send_batch_size: 500}
exporters:
  otlphttp:
    endpoint: http://127.0.0.1:${backendPort}
    timeout: 2s
    sending_queue: {storage: file_storage, ${queue}}
    retry_on_failure: {initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 1h}
service:
  extensions: [file_storage]
  pipelines:
    traces: {receivers: [zipkin], processors: [batch], exporters: [otlphttp]}
  telemetry:
    metrics: {address: 127.0.0.1:0}
`,
  );
  return path;
}

let counter = 0;
/** Zipkin v2 JSON of `n` spans with ids never used before; returns the body and the ids as the backend will see them. */
function zipkinSpans(n: number): { body: string; ids: string[] } {
  const spans = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = ++counter;
    const traceId = k.toString(16).padStart(32, '0').replace(/^0/, 'a');
    const id = k.toString(16).padStart(16, '0').replace(/^0/, 'b');
    spans.push({ traceId, id, name: 'op', timestamp: 1_700_000_000_000_000 + k, duration: 10, localEndpoint: { serviceName: 'load' } });
    ids.push(`${traceId}/${id}`);
  }
  return { body: JSON.stringify(spans), ids };
}

interface Load {
  /** Span ids of requests answered 2xx. */
  readonly acked: string[];
  readonly statuses: Map<number, number>;
  /** Stops sending (requests in flight are left to finish or fail). */
  stop(): Promise<void>;
}

/** `clients` loops posting `spansPerRequest` spans each, counting the ids of every 2xx, until stopped. */
function startLoad(zipkin: string, clients = 4, spansPerRequest = 50): Load {
  const acked: string[] = [];
  const statuses = new Map<number, number>();
  let running = true;
  const loop = async () => {
    while (running) {
      const { body, ids } = zipkinSpans(spansPerRequest);
      try {
        const res = await fetch(`http://${zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 200 && res.status < 300) acked.push(...ids);
        else await new Promise((r) => setTimeout(r, 20));
      } catch {
        return; // the process was killed: no answer, nothing acknowledged
      }
    }
  };
  const loops = Array.from({ length: clients }, loop);
  return {
    acked,
    statuses,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function metric(cli: CliProcess, name: string): Promise<number> {
  const text = await (await fetch(`http://${cli.telemetryAddress}/metrics`)).text();
  return Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

async function refusedByCode(cli: CliProcess, code: string): Promise<number> {
  const text = await (await fetch(`http://${cli.telemetryAddress}/metrics`)).text();
  return Number(new RegExp(`^spanbridge_receiver_refused_spans_total\\{[^}]*code="${code}"[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

const missingSpans = (acked: string[], backend: Backend) => acked.filter((id) => !backend.distinct.has(id));

describe('persistent sending queue through the CLI', { timeout: 240_000 }, () => {
  const running: CliProcess[] = [];
  const backends: Backend[] = [];
  after(async () => {
    for (const cli of running) await cli.stop('SIGKILL');
    for (const b of backends) await b.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('kill -9 under load and SIGTERM with the backend down lose nothing acknowledged; a restart with the backend up delivers it all', async (t) => {
    const dir = tempDir();
    const port = await freePort();
    const config = writeConfig(dir, port, 'queue_size: 10000000');

    // 1. Backend down, load running, then kill -9 while requests are in flight.
    const first = await startCli(['--config', config]);
    running.push(first);
    const load1 = startLoad(first.receivers.zipkin?.http ?? '');
    await eventually(async () => load1.acked.length >= 5000, '5000 spans acknowledged', 120_000);
    await first.stop('SIGKILL');
    await load1.stop();
    const queued = readdirSync(join(dir, 'storage', 'exporter_otlphttp', 'queue')).length;
    assert.ok(queued > 0, 'the acknowledged batches are on disk');

    // 2. Restart, backend still down: more load, then a graceful SIGTERM.
    const second = await startCli(['--config', config]);
    running.push(second);
    const load2 = startLoad(second.receivers.zipkin?.http ?? '');
    await eventually(async () => load2.acked.length >= 2000, '2000 more spans acknowledged', 120_000);
    await load2.stop();
    assert.equal(await second.stop('SIGTERM'), 0);

    // 3. Backend up, restart: the queue resumes and every acknowledged span arrives.
    const backend = await startBackend(port);
    backends.push(backend);
    const third = await startCli(['--config', config]);
    running.push(third);
    const acked = [...load1.acked, ...load2.acked];
    await eventually(async () => missingSpans(acked, backend).length === 0, 'every acknowledged span at the backend', 120_000);
    assert.deepEqual(missingSpans(acked, backend), []);
    await eventually(async () => readdirSync(join(dir, 'storage', 'exporter_otlphttp', 'queue')).length === 0, 'the queue folder to empty', 60_000);
    assert.equal(await metric(third, 'spanbridge_exporter_dead_letter_spans_total'), 0);
    t.diagnostic(
      `kill -9 with the backend down: ${load1.acked.length} spans acknowledged before the kill; SIGTERM run: ${load2.acked.length}; ` +
        `delivered after restart: ${acked.length - missingSpans(acked, backend).length} of ${acked.length} acknowledged ` +
        `(${backend.distinct.size} distinct spans received, ${backend.received} in all: ${backend.received - backend.distinct.size} duplicates absorbed by span-id idempotence); ` +
        `batch files on disk at the kill: ${queued}`,
    );
    await third.stop();
  });

  test('a full queue (max_size_bytes) answers 429 with Retry-After, counted', async () => {
    const dir = tempDir();
    const cli = await startCli(['--config', writeConfig(dir, await freePort(), 'max_size_bytes: 40000')]);
    running.push(cli);
    let refused: Response | undefined;
    for (let i = 0; i < 200 && refused === undefined; i++) {
      const res = await fetch(`http://${cli.receivers.zipkin?.http}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: zipkinSpans(50).body });
      await res.arrayBuffer();
      if (res.status >= 300) refused = res;
    }
    assert.equal(refused?.status, 429);
    assert.match(refused?.headers.get('retry-after') ?? '', /^\d+$/);
    assert.ok((await metric(cli, 'spanbridge_exporter_enqueue_failed_spans_total')) > 0);
    assert.ok((await metric(cli, 'spanbridge_exporter_queue_bytes')) <= 40000);
    await cli.stop();
  });

  test('a full disk answers 503 with Retry-After (SB_STORAGE_FULL), counted; what was acknowledged is delivered once the backend is up', async (t) => {
    const dir = tempDir();
    const disk = join(dir, 'disk');
    const why = mountSmallDisk(disk, 256);
    if (why !== undefined) {
      if (process.env.CI === 'true') assert.fail(why);
      t.skip(why);
      return;
    }
    t.after(() => execFileSync('umount', ['-l', disk]));
    // The backend is "down" (it answers 503, which is retried) on a port it keeps, so no other process can take it.
    const backend = await startBackend(0, 503);
    backends.push(backend);
    // The byte bound is far above the disk's size, so the disk fills first.
    const config = writeConfig(dir, backend.port, 'queue_size: 10000000, max_size_bytes: 100000000', join(disk, 'storage'));
    const cli = await startCli(['--config', config]);
    running.push(cli);
    const acked: string[] = [];
    let full: Response | undefined;
    for (let i = 0; i < 500 && full === undefined; i++) {
      const { body, ids } = zipkinSpans(50);
      const res = await fetch(`http://${cli.receivers.zipkin?.http}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status === 202) acked.push(...ids);
      else full = res;
    }
    assert.equal(full?.status, 503, 'the full disk is refused as retryable');
    assert.match(full?.headers.get('retry-after') ?? '', /^\d+$/);
    assert.ok(acked.length > 0, 'some batches fitted on the disk');
    assert.ok((await refusedByCode(cli, 'SB_STORAGE_FULL')) > 0, 'the refusals are counted by code');

    // Still serving: once the backend takes the queue, the disk frees and new requests are accepted again.
    backend.status = 200;
    await eventually(async () => missingSpans(acked, backend).length === 0, 'every acknowledged span at the backend', 120_000);
    const { body } = zipkinSpans(50);
    await eventually(async () => {
      const res = await fetch(`http://${cli.receivers.zipkin?.http}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      return res.status === 202;
    }, 'new requests accepted again', 60_000);
    t.diagnostic(`256 KiB disk: ${acked.length} spans acknowledged before it was full, all delivered`);
    await cli.stop();
  });

  test('a batch the backend refuses for good becomes a dead letter, and spanbridge replay sends it once the backend takes it', async () => {
    const dir = tempDir();
    const port = await freePort();
    const backend = await startBackend(port, 400);
    backends.push(backend);
    const config = writeConfig(dir, port, 'queue_size: 100000');
    const cli = await startCli(['--config', config]);
    running.push(cli);
    const { body, ids } = zipkinSpans(30);
    const res = await fetch(`http://${cli.receivers.zipkin?.http}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 202);
    const deadLetters = join(dir, 'storage', 'exporter_otlphttp', 'dead_letter');
    await eventually(async () => (await metric(cli, 'spanbridge_exporter_dead_letter_spans_total')) === 30, 'the dead letter', 60_000);
    assert.equal(readdirSync(deadLetters).length, 1);
    await cli.stop();

    backend.status = 200;
    const replay = await runCli(['replay', '--config', config]);
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stdout, /otlphttp: replayed 1 batches \(30 spans\)/);
    assert.deepEqual(readdirSync(deadLetters), []);
    assert.deepEqual(ids.filter((id) => !backend.distinct.has(id)), []);

    const nothing = await runCli(['replay', '--config', config, '--exporter', 'nope']);
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /--exporter nope: not defined/);
  });
});
