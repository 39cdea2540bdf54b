import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { forEachSpan } from '../../model/batch.js';
import { REPO_ROOT } from '../../../test/support/paths.js';
import { makeXrayTrace, type MadeXrayTrace } from '../../../test/xray/poller/makeXrayTrace.js';
import { eventually } from '../../../test/xray/poller/pollerHarness.js';
import { startFakeXrayApi, type FakeXrayApi } from '../../../test/xray/poller/startFakeXrayApi.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/otlp/startTestReceiver.js';

const CHILD = join(REPO_ROOT, 'test', 'receivers', 'awsxray_poller', 'pollerChild.ts');

interface Child {
  process: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
}

/** Starts the poller child and waits for its `ready`. */
async function startChild(args: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`the poller child exited with ${code}: ${stderr}`)));
  });
  return { process: child, exited, stderr: () => stderr };
}

describe('a poller killed mid-run', () => {
  let api: FakeXrayApi;
  let sink: TestReceiver;
  let dir: string;
  const children: Child[] = [];
  before(async () => {
    api = await startFakeXrayApi();
    sink = await startTestReceiver();
    dir = mkdtempSync(join(tmpdir(), 'spanbridge-poller-resume-'));
  });
  after(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    await api.close();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const spanCounts = () => {
    const m = new Map<string, number>();
    for (const b of sink.received) forEachSpan(b, (s) => m.set(s.spanId, (m.get(s.spanId) ?? 0) + 1));
    return m;
  };

  test('resumes from its durable checkpoint without gaps or duplicates', async () => {
    api.summariesPageSize = 100;
    const traces: MadeXrayTrace[] = [];
    const start = Date.now() - 12 * 60_000;
    for (let i = 0; i < 30; i++) traces.push(makeXrayTrace(i, start + i * 10_000));
    for (const t of traces) api.addTrace(t.documents);
    const args = { apiEndpoint: api.endpoint, dbPath: join(dir, 'poller.db'), sinkUrl: `${sink.httpBaseUrl}/v1/traces` };

    const held = api.hold('/Traces', 4);
    const first = await startChild(args);
    children.push(first);
    const request = await held;
    // SIGKILL while the child waits for X-Ray: three groups were accepted and recorded, the fourth never will be.
    first.process.kill('SIGKILL');
    await first.exited;
    request.release();
    const beforeRestart = spanCounts().size;
    assert.ok(beforeRestart > 0 && beforeRestart < traces.length * 3, `${beforeRestart} spans delivered before the kill`);
    const requestsBefore = api.requests.length;

    const second = await startChild(args);
    children.push(second);
    const expected = traces.flatMap((t) => t.spanIds);
    await eventually('every span delivered after the restart', () => expected.every((id) => spanCounts().has(id)));
    second.process.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.stderr());

    const counts = spanCounts();
    assert.deepEqual([...counts.keys()].sort(), [...expected].sort());
    for (const [id, n] of counts) assert.equal(n, 1, `span ${id} delivered ${n} times`);
    const resumedFrom = api.requests.slice(requestsBefore).find((r) => r.route === '/TraceSummaries')?.body.StartTime;
    const killedIn = api.requests.slice(0, requestsBefore).filter((r) => r.route === '/TraceSummaries').at(-1)?.body.StartTime;
    assert.equal(resumedFrom, killedIn, 'the restart re-read the window it was killed in, from the same start');
  });
});
