import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { captureLog } from '../../test/support/captureLog.js';
import { createTelemetry } from './telemetry.js';
import { startTelemetryServer } from './telemetryServer.js';

interface Answer {
  status: number;
  body: string;
}

/**
 * GETs `urls` from another process and waits for it synchronously: this thread's event loop does not run meanwhile,
 * so whatever answers is not this thread.
 */
function getWhileThisThreadWaits(urls: string[]): Answer[] {
  const script = 'Promise.all(process.argv.slice(1).map(async (u) => { const r = await fetch(u); return { status: r.status, body: await r.text() }; })).then((a) => console.log(JSON.stringify(a)));';
  const child = spawnSync(process.execPath, ['-e', script, ...urls], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as Answer[];
}

function blockThisThread(millis: number): void {
  const until = performance.now() + millis;
  while (performance.now() < until) {
    // A synchronous stall of this thread's event loop, as a long decode would make.
  }
}

test('serves /metrics with the main thread counters, /healthz with the beat age, and /readyz once ready', async () => {
  const telemetry = createTelemetry();
  let ready = false;
  const server = await startTelemetryServer('127.0.0.1:0', telemetry, () => ready, { logger: captureLog().logger });
  try {
    assert.match(server.address, /^127\.0\.0\.1:\d+$/);
    assert.notEqual(server.address, '127.0.0.1:0', 'the bound port');
    const base = `http://${server.address}`;
    telemetry.receiverAccepted('zipkin', 'http', 5);
    telemetry.receiverRefused('zipkin', 'http', 'SB_MALFORMED', 0);
    telemetry.exporterSent('otlphttp', 4);
    const scrape = await fetch(`${base}/metrics`);
    assert.equal(scrape.status, 200);
    assert.match(scrape.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const metrics = await scrape.text();
    assert.match(metrics, /spanbridge_receiver_accepted_spans_total\{receiver="zipkin",transport="http"\} 5/);
    assert.match(metrics, /spanbridge_receiver_refused_spans_total\{receiver="zipkin",transport="http",code="SB_MALFORMED"\} 1/);
    assert.match(metrics, /spanbridge_exporter_sent_spans_total\{exporter="otlphttp"\} 4/);
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    const healthBody = (await health.json()) as { status: string; mainThreadBeatAgeMillis: number };
    assert.equal(healthBody.status, 'ok');
    assert.ok(healthBody.mainThreadBeatAgeMillis >= 0);
    assert.deepEqual(await (await fetch(`${base}/readyz`)).json(), { status: 'not ready' });
    ready = true;
    server.beat();
    const readyz = await fetch(`${base}/readyz`);
    assert.equal(readyz.status, 200);
    assert.deepEqual(await readyz.json(), { status: 'ready' });
    const unknown = await fetch(`${base}/nope`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'SB_NOT_FOUND');
  } finally {
    await server.close();
  }
});

test('while the main thread is blocked, /healthz and /readyz still answer, 503 with how long it has not run; /metrics gives up with 503', async () => {
  const telemetry = createTelemetry();
  const server = await startTelemetryServer('127.0.0.1:0', telemetry, () => true, { logger: captureLog().logger, stallAfterMillis: 300, metricsTimeoutMillis: 300 });
  try {
    const base = `http://${server.address}`;
    server.beat();
    // Blocked for longer than the bound before the probes come, and still blocked while they are answered.
    blockThisThread(1000);
    const [health, readyz, metrics] = getWhileThisThreadWaits([`${base}/healthz`, `${base}/readyz`, `${base}/metrics`]);
    assert.equal(health?.status, 503);
    const healthBody = JSON.parse(health.body) as { status: string; message: string; mainThreadBeatAgeMillis: number };
    assert.equal(healthBody.status, 'stalled');
    assert.match(healthBody.message, /^the main thread has not run for \d+\.\d s$/);
    assert.ok(healthBody.mainThreadBeatAgeMillis >= 1000, `beat age ${healthBody.mainThreadBeatAgeMillis} ms covers the block`);
    assert.equal(readyz?.status, 503);
    assert.match((JSON.parse(readyz.body) as { message: string }).message, /^the main thread has not run for/);
    assert.equal(metrics?.status, 503);
    assert.match(metrics.body, /the main thread did not hand over the metrics within 0\.3 s/);

    // Running again, the next beat makes the main thread healthy again.
    server.beat();
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    assert.equal((await fetch(`${base}/metrics`)).status, 200);
  } finally {
    await server.close();
  }
});

test('a port already taken: the start is refused with the reason, and the thread does not keep the process alive', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const a = taken.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  try {
    await assert.rejects(startTelemetryServer(`127.0.0.1:${port}`, createTelemetry(), () => true, { logger: captureLog().logger }), /EADDRINUSE/);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});
