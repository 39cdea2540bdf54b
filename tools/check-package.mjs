#!/usr/bin/env node
// Proves that the npm package is the product and needs nothing else: packs the repository (`npm pack` runs the
// `prepare` build), checks what the tarball carries, installs it into an empty folder with `npm install --omit=dev`,
// starts node_modules/.bin/spanbridge --demo on free ports and waits until the web UI and the query API answer with
// the demo's services. Exits non-zero on the first thing that fails. `.ci/run` runs it; by hand: `node tools/check-package.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
/* global fetch, setTimeout, clearTimeout */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_SERVICES = ['details', 'productpage', 'ratings', 'reviews'];
const TIMEOUT_MILLIS = 60_000;

/** What the tarball may hold (paths under package/): the product, its protos and UI, and the package's own files. */
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICEN[CS]E[^/]*$/, /^dist\/.+\.js$/, /^ui\/dist\/.+/, /^proto\/.+/];
const REQUIRED = ['package.json', 'README.md', 'dist/main.js', 'ui/dist/index.html', 'proto/opentelemetry/proto/trace/v1/trace.proto'];

class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

function run(command, args, cwd) {
  console.log(`--- ${command} ${args.join(' ')}  (in ${cwd})`);
  const r = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) fail(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function checkContents(tarball) {
  const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  if (listed.status !== 0) fail(`tar -tzf ${tarball}: ${listed.stderr}`);
  const files = listed.stdout.split('\n').filter((f) => f !== '' && !f.endsWith('/')).map((f) => f.replace(/^package\//, ''));
  const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)) || /\.test\.|\.map$/.test(f));
  if (stray.length > 0) fail(`the tarball carries more than the product:\n  ${stray.join('\n  ')}`);
  const missing = REQUIRED.filter((f) => !files.includes(f));
  if (missing.length > 0) fail(`the tarball lacks ${missing.join(', ')}`);
  console.log(`tarball: ${files.length} files, all product (dist/, ui/dist/, proto/, package.json, README.md)`);
}

/** The all-in-one of src/app/defaultConfig.ts on 127.0.0.1 port 0 (the OS picks free ports), the store in `dir`. */
function configFile(dir) {
  const file = join(dir, 'spanbridge.yaml');
  writeFileSync(
    file,
    `receivers:
  zipkin: {endpoint: 127.0.0.1:0}
  otlp: {protocols: {grpc: {endpoint: 127.0.0.1:0}, http: {endpoint: 127.0.0.1:0}}}
  awsxray: {endpoint: 127.0.0.1:0, api: {endpoint: 127.0.0.1:0}}
processors:
  memory_limiter: {limit_mib: 1024, spike_limit_mib: 256}
  istio: {}
  batch: {timeout: 100ms}
exporters: {store: {}}
storage: {sqlite: {path: ${join(dir, 'data', 'spanbridge.db')}}, retention: 72h}
query: {endpoint: 127.0.0.1:0}
service:
  pipelines: {traces: {receivers: [zipkin, otlp, awsxray], processors: [memory_limiter, istio, batch], exporters: [store]}}
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
  );
  return file;
}

/** Starts the installed CLI with --demo and resolves with the query address from its "spanbridge started" line. */
function startDemo(app, config) {
  const bin = join(app, 'node_modules', '.bin', 'spanbridge');
  console.log(`--- ${bin} --config ${config} --demo --log-format json`);
  const child = spawn(bin, ['--config', config, '--demo', '--log-format', 'json'], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const started = new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`spanbridge exited with ${code} before it started`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let rec;
      try {
        rec = JSON.parse(line);
      } catch {
        reject(new Error(`not a JSON log line: ${line}`));
        return;
      }
      if (rec.level >= 40) console.log(line);
      if (rec.msg === 'spanbridge started') resolve(rec.query);
    });
  });
  return { child, exited, started };
}

async function waitFor(what, probe) {
  const until = Date.now() + TIMEOUT_MILLIS;
  let last = 'no answer yet';
  while (Date.now() < until) {
    try {
      const result = await probe();
      if (result.ok) return result.value;
      last = result.why;
    } catch (e) {
      last = e.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not answer within ${TIMEOUT_MILLIS / 1000} s: ${last}`);
}

async function checkRunning(query) {
  const base = `http://${query}`;
  const script = await waitFor(`the UI at ${base}/`, async () => {
    const res = await fetch(`${base}/`);
    const html = await res.text();
    const src = /<script[^>]*src="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/html') || !src) return { ok: false, why: `${res.status} ${html.slice(0, 80)}` };
    return { ok: true, value: src };
  });
  const asset = await fetch(new URL(script, base));
  if (asset.status !== 200) throw new Error(`the UI's script ${script} answered ${asset.status}`);
  console.log(`UI: ${base}/ serves the HTML and ${script}`);
  const services = await waitFor(`the demo services at ${base}/api/services`, async () => {
    const res = await fetch(`${base}/api/services`);
    const body = await res.json();
    const have = Array.isArray(body.data) ? body.data : [];
    const missing = DEMO_SERVICES.filter((s) => !have.includes(s));
    return missing.length === 0 ? { ok: true, value: have } : { ok: false, why: `${res.status}, still missing ${missing.join(', ')}` };
  });
  console.log(`API: ${base}/api/services lists ${services.join(', ')}`);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'spanbridge-package-'));
  const app = join(work, 'app');
  mkdirSync(app);
  try {
    run('npm', ['pack', '--pack-destination', work], ROOT);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) fail(`npm pack left no tarball in ${work}`);
    checkContents(join(work, tarball));

    // The project a user installs into. It approves the install scripts of the package's dependencies that have
    // them, as such a project would (npm 11 lists unreviewed ones). spanbridge's own `prepare` builds from sources
    // the tarball does not carry; npm runs `prepare` only for folders and git checkouts, and npm matches a local
    // tarball by its resolved file: spec (an absolute path while installing), so that entry says "never" for it.
    const spec = `file:${join(work, tarball)}`;
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'spanbridge-package-check', private: true, allowScripts: { 'better-sqlite3': true, protobufjs: true, [spec]: false } }, null, 2)}\n`);
    run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', spec], app);

    const demo = startDemo(app, configFile(work));
    let code;
    try {
      const query = await Promise.race([demo.started, new Promise((_, reject) => setTimeout(() => reject(new Error('spanbridge did not start in time')), TIMEOUT_MILLIS).unref())]);
      await checkRunning(query);
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGTERM');
      const killer = setTimeout(() => demo.child.kill('SIGKILL'), 20_000);
      code = await demo.exited;
      clearTimeout(killer);
    }
    if (code !== 0) fail(`spanbridge exited with ${code} after SIGTERM`);
    console.log('check-package: the tarball installs with --omit=dev and runs the demo; UI and API answer');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`check-package: ${e instanceof CheckFailed ? e.message : (e.stack ?? String(e))}`);
  process.exitCode = 1;
});
