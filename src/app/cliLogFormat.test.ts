// `--log-format` and `service.telemetry.logs.encoding` on the built CLI (dist/main.js).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../../test/support/paths.js';

const MAIN = join(REPO_ROOT, 'dist', 'main.js');

function configFile(logs = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-logformat-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    `receivers: {zipkin: {endpoint: "127.0.0.1:0"}}
exporters: {debug: {}}
service:
  pipelines: {traces: {receivers: [zipkin], exporters: [debug]}}
  telemetry:
    metrics: {address: "127.0.0.1:0"}
${logs ? `    logs: ${logs}\n` : ''}`,
  );
  return file;
}

/** Runs the CLI until it says it started, stops it with SIGTERM and returns everything it wrote to stdout. */
function runUntilStarted(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const wasStarted = stdout.includes('spanbridge started');
      stdout += d.toString();
      if (!wasStarted && stdout.includes('spanbridge started')) child.kill('SIGTERM');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!stdout.includes('spanbridge started')) reject(new Error(`spanbridge did not start (exit ${code}):\n${stderr}\n${stdout}`));
      else resolve({ code, stdout });
    });
  });
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const isJson = (line: string) => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

describe('spanbridge --log-format', () => {
  test('JSON lines by default when stdout is not a terminal', async () => {
    const r = await runUntilStarted(['--config', configFile()]);
    assert.equal(r.code, 0);
    const records = lines(r.stdout).map((l) => JSON.parse(l) as { msg: string });
    assert.ok(records.some((rec) => rec.msg === 'spanbridge started'));
    assert.ok(records.some((rec) => rec.msg === 'shutting down'));
  });

  test('text forces pino-pretty lines, without colours on a pipe, to the last line before exit', async () => {
    const r = await runUntilStarted(['--config', configFile(), '--log-format', 'text']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: spanbridge started$/m);
    assert.match(r.stdout, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: shutting down$/m);
    assert.match(r.stdout, /^ {4}signal: "SIGTERM"$/m);
    assert.ok(!lines(r.stdout).some(isJson), 'no JSON line');
    assert.ok(!r.stdout.includes('\u001b['), 'no ANSI colour codes');
  });

  test('service.telemetry.logs.encoding: console gives text, and the flag overrides it', async () => {
    const console = await runUntilStarted(['--config', configFile('{encoding: console}')]);
    assert.match(console.stdout, /INFO: spanbridge started/);
    assert.ok(!lines(console.stdout).some(isJson));
    const json = await runUntilStarted(['--config', configFile('{encoding: console}'), '--log-format', 'json']);
    assert.ok(lines(json.stdout).every(isJson), json.stdout);
  });

  test('an unknown format or encoding is refused before anything starts', () => {
    const flag = spawnSync(process.execPath, [MAIN, '--config', configFile(), '--log-format', 'xml'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /--log-format must be one of json, text, not "xml"/);
    const encoding = spawnSync(process.execPath, [MAIN, 'validate', '--config', configFile('{encoding: yaml}')], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(encoding.status, 1);
    assert.match(encoding.stderr, /service\.telemetry\.logs\.encoding: must be one of/);
  });

  test('text by default on a terminal (util-linux script gives the CLI a pseudo-terminal)', async () => {
    // A port already taken makes start-up fail after the logger exists, so the process ends by itself.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const address = taken.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const file = configFile();
      writeFileSync(file, `receivers: {zipkin: {endpoint: "127.0.0.1:${port}"}}\nexporters: {debug: {}}\nservice: {pipelines: {traces: {receivers: [zipkin], exporters: [debug]}}, telemetry: {metrics: {address: "127.0.0.1:0"}}}\n`);
      const command = [process.execPath, MAIN, '--config', file].map((a) => `'${a}'`).join(' ');
      const r = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.once('error', reject);
        child.once('exit', (code) => resolve({ code, out }));
      });
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /ERROR: start failed/);
      assert.match(r.out, /EADDRINUSE/);
      assert.ok(!lines(r.out.replace(/\r/g, '')).some(isJson), r.out);
    } finally {
      taken.close();
    }
  });
});
