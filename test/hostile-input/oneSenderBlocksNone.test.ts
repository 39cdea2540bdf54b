// One sender used to block everyone: a span whose service name held a lone surrogate, sent again after a restart,
// failed the store with "UNIQUE constraint failed: services.name", and since the batch processor merges requests,
// the other clients' requests merged with it got 503 while that sender retried. Now names are repaired where they
// enter, and a span the store still cannot keep is refused alone.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { startAllInOne } from '../support/allInOne.js';
import { eventually } from '../support/rawHttp.js';

const nowMicros = () => Date.now() * 1000;
let nextId = 1;
/** A Zipkin v2 span as JSON text; `serviceName` is inserted as given, so `cart\\ud800` stays a JSON escape. */
function span(serviceName: string): { traceId: string; body: string } {
  const id = (0x7000000000000000n + BigInt(nextId++)).toString(16);
  return { traceId: `0000000000000000${id}`, body: `[{"traceId":"${id}","id":"${id}","name":"get","timestamp":${nowMicros()},"duration":1000,"localEndpoint":{"serviceName":"${serviceName}"}}]` };
}

async function post(zipkin: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, text: await res.text() };
}

describe('one sender never blocks the others (all-in-one CLI)', () => {
  test('a service name with a lone surrogate is stored as U+FFFD, and again after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spanbridge-surrogate-'));
    let a = await startAllInOne({ dataDir });
    try {
      assert.equal((await post(a.zipkin, span('cart\\ud800').body)).status, 202);
    } finally {
      await a.stop();
    }
    a = await startAllInOne({ dataDir });
    try {
      const again = span('cart\\ud800');
      const res = await post(a.zipkin, again.body);
      assert.equal(res.status, 202, res.text);
      await eventually(async () => (await fetch(`${a.query}/api/v1/traces/${again.traceId}`)).status === 200, 'the span sent after the restart');
      const services = ((await (await fetch(`${a.query}/api/v1/services`)).json()) as { services: string[] }).services;
      assert.deepEqual(services, ['cart\ufffd']);
    } finally {
      await a.stop();
    }
  });

  test('while one sender retries a span the store refuses, four other clients are all served', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spanbridge-poison-'));
    // A store with a trigger that refuses one service: a store failure caused by one span, whatever its cause.
    let a = await startAllInOne({ dataDir });
    await a.stop();
    const db = new Database(join(dataDir, 'spanbridge.db'));
    db.exec("CREATE TRIGGER refuse_poison BEFORE INSERT ON services WHEN NEW.name = 'poison' BEGIN SELECT RAISE(ABORT, 'the poison service is refused'); END");
    db.close();
    a = await startAllInOne({ dataDir });
    try {
      const stop = { now: false };
      const poisonAnswers: number[] = [];
      const poison = (async () => {
        while (!stop.now) poisonAnswers.push((await post(a.zipkin, span('poison').body)).status);
      })();
      const clients = await Promise.all(
        [1, 2, 3, 4].map(async (c) => {
          const answers: Array<{ status: number; traceId: string }> = [];
          for (let i = 0; i < 24; i++) {
            const s = span(`client-${c}`);
            answers.push({ status: (await post(a.zipkin, s.body)).status, traceId: s.traceId });
          }
          return answers;
        }),
      );
      stop.now = true;
      await poison;
      const all = clients.flat();
      assert.deepEqual(all.filter((x) => x.status !== 202), [], 'every valid request is accepted');
      assert.ok(poisonAnswers.length > 0 && poisonAnswers.every((s) => s === 400), `the poison sender is told 400, not to retry: ${poisonAnswers.join(',')}`);
      for (const { traceId } of all) assert.equal((await fetch(`${a.query}/api/v1/traces/${traceId}`)).status, 200);
    } finally {
      await a.stop();
    }
  });
});
