import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { closeServer, listenOnLoopback } from './net/httpServers.js';
import { runDemoCommand, type DemoIo } from './runDemoCommand.js';
import { startMeshCollector, type MeshCollector } from '../../test/demo/startMeshCollector.js';

function capture(onStdout?: (text: string) => void): DemoIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: {
      write(text: string) {
        out.push(text);
        onStdout?.(text);
        return true;
      },
    },
    stderr: { write: (text: string) => err.push(text) },
    logger: pino({ level: 'silent' }),
  };
}

describe('runDemoCommand', () => {
  let collector: MeshCollector;
  before(async () => {
    collector = await startMeshCollector();
  });
  after(() => collector.close());

  test('--help prints usage and exits 0', async () => {
    const io = capture();
    assert.equal(await runDemoCommand(['demo', '--help'], io), 0);
    assert.match(io.out.join(''), /^Usage: spanbridge demo/);
  });

  test('bad arguments exit 2 with the problem and the usage', async () => {
    const io = capture();
    assert.equal(await runDemoCommand(['demo', '--rate=-1'], io), 2);
    assert.match(io.err.join(''), /^--rate: "-1".*\n\nUsage:/s);
  });

  test('runs for --duration against the given URLs, printing a start line and progress lines', async () => {
    const io = capture();
    const code = await runDemoCommand(['demo', '--zipkin-url', collector.zipkinUrl, '--otlp-url', collector.otlpUrl, '--rate', '10', '--duration', '500ms', '--mesh', 'fsm'], io);
    assert.equal(code, 0, io.err.join(''));
    assert.match(io.out[0] ?? '', /^demo \(fsm\): productpage at http:\/\/127\.0\.0\.1:\d+\/productpage, 10 req\/s for 0\.5 s; sidecar spans -> http:\/\/127\.0\.0\.1:\d+\/api\/v2\/spans/);
    assert.match(io.out.at(-1) ?? '', /^requests 5 .*spans sent: \d+ sidecar \(zipkin\), \d+ app \(otlp\)\n$/);
    const services = new Set(collector.spans().map((s) => s.service));
    assert.ok(services.has('bookinfo-reviews') && services.has('reviews'));
  });

  test('an abort stops a run without --duration', async () => {
    const controller = new AbortController();
    const io = capture((text) => {
      if (text.startsWith('demo (')) controller.abort();
    });
    io.signal = controller.signal;
    assert.equal(await runDemoCommand(['--zipkin-url', collector.zipkinUrl, '--otlp-url', collector.otlpUrl], io), 0);
    assert.match(io.out[0] ?? '', /until stopped/);
  });

  test('exits 1 when no span reaches the target', async () => {
    const closed = createServer();
    const port = await listenOnLoopback(closed);
    await closeServer(closed);
    const io = capture();
    const url = `http://127.0.0.1:${port}`;
    const code = await runDemoCommand(['--zipkin-url', `${url}/api/v2/spans`, '--otlp-url', `${url}/v1/traces`, '--rate', '10', '--duration', '200ms'], io);
    assert.equal(code, 1);
    assert.match(io.err.join(''), /no span reached/);
  });
});
