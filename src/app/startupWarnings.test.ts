// What a new user sees besides the logs: nothing on stderr at start, and on Node 20 only the AWS SDK's notice that
// its releases from 2027 need Node 22 (README.md, CHANGELOG.md). CI runs this on Node 20 and on Node 24.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../../test/support/paths.js';

const MAIN = join(REPO_ROOT, 'dist', 'main.js');
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

function run(args: string[], env: NodeJS.ProcessEnv, stopWhen?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const before = stdout;
      stdout += d.toString();
      if (stopWhen && !before.includes(stopWhen) && stdout.includes(stopWhen)) child.kill('SIGTERM');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('warnings at start', () => {
  test('the all-in-one on loopback writes nothing to stderr from start to stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-warnings-'));
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `receivers:
  zipkin: {endpoint: 127.0.0.1:0}
  otlp: {protocols: {grpc: {endpoint: 127.0.0.1:0}, http: {endpoint: 127.0.0.1:0}}}
  awsxray: {endpoint: 127.0.0.1:0, api: {endpoint: 127.0.0.1:0}}
processors: {istio: {}, batch: {timeout: 50ms}}
exporters: {store: {}}
storage: {sqlite: {path: ${join(dir, 'spanbridge.db')}}}
query: {endpoint: 127.0.0.1:0}
service:
  pipelines: {traces: {receivers: [zipkin, otlp, awsxray], processors: [istio, batch], exporters: [store]}}
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
    );
    const r = await run(['--config', config], {}, 'spanbridge started');
    assert.match(r.stdout, /spanbridge started/);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
  });

  test(`an AWS SDK client warns about the Node.js version once on Node 20 and never on Node 22 or later (here: Node ${NODE_MAJOR})`, async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const r = await run(['xray', 'generate-sample', '--endpoint', endpoint], { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
    assert.equal(r.code, 1, 'nothing listens there');
    assert.match(r.stderr, /generate-sample failed: .*ECONNREFUSED/);
    const warnings = r.stderr.split('NodeVersionSupportWarning').length - 1;
    assert.equal(warnings, NODE_MAJOR < 22 ? 1 : 0, r.stderr);
  });
});
