import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEAD_LETTER_FOLDER, QUEUE_FOLDER, openFileQueue, type FileQueueOptions } from './fileQueue.js';

const folders: string[] = [];
after(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));
async function folder(): Promise<string> {
  const f = await mkdtemp(join(tmpdir(), 'spanbridge-fq-'));
  folders.push(f);
  return f;
}
const options = (directory: string, over: Partial<FileQueueOptions<string>> = {}): FileQueueOptions<string> => ({
  directory,
  fsync: true,
  maxBytes: 1000,
  maxWeight: 100,
  maxDeadLetterBytes: 1000,
  encode: (s) => Buffer.from(s),
  decode: (b) => Buffer.from(b).toString(),
  ...over,
});

describe('file queue', () => {
  test('keeps order, removes a batch only when settled, and a reopened queue resumes what is left', async () => {
    const dir = await folder();
    const q = await openFileQueue(options(dir));
    assert.ok(await q.offer('first', 1));
    assert.ok(await q.offer('second', 2));
    assert.ok(await q.offer('third', 3));
    const a = await q.take();
    assert.equal(a?.item, 'first');
    await a?.settle('delivered');
    const b = await q.take(); // taken but never settled: the process "dies" while sending it
    assert.equal(b?.item, 'second');
    q.close();
    assert.equal(await q.take(), undefined, 'a closed persistent queue hands out nothing more');
    assert.equal(await q.offer('late', 1), false);

    const again = await openFileQueue(options(dir));
    assert.equal(again.size, 2);
    assert.equal(again.bytes, 'second'.length + 'third'.length);
    assert.deepEqual([(await again.take())?.item, (await again.take())?.item], ['second', 'third']);
  });

  test('is bounded in bytes and in weight', async () => {
    const q = await openFileQueue(options(await folder(), { maxBytes: 10, maxWeight: 5 }));
    assert.ok(await q.offer('12345678', 1));
    assert.equal(await q.offer('123', 1), false, 'over max bytes');
    const t = await q.take();
    await t?.settle('delivered');
    assert.ok(await q.offer('123', 5));
    assert.equal(await q.offer('1', 1), false, 'over max weight');
  });

  test('moves failed batches to the dead letters while they fit, and deletes them after', async () => {
    const dir = await folder();
    const q = await openFileQueue(options(dir, { maxDeadLetterBytes: 8 }));
    await q.offer('dead-one', 4);
    await q.offer('dead-two', 4);
    const kept = await (await q.take())?.settle('failed');
    assert.ok(kept?.endsWith('-4.binpb'));
    assert.equal(await (await q.take())?.settle('failed'), undefined, 'no room left: not kept');
    assert.deepEqual(await readdir(join(dir, QUEUE_FOLDER)), []);
    assert.equal((await readdir(join(dir, DEAD_LETTER_FOLDER))).length, 1);
    assert.equal(q.bytes, 0);
  });

  test('hands a batch straight to a waiting taker, deletes leftover temporary files, and numbers on after dead letters', async () => {
    const dir = await folder();
    const first = await openFileQueue(options(dir));
    await first.offer('x', 1);
    await (await first.take())?.settle('failed');
    await writeFile(join(dir, QUEUE_FOLDER, '.0000000000000009-1.binpb.tmp'), 'half');
    const q = await openFileQueue(options(dir));
    assert.deepEqual(await readdir(join(dir, QUEUE_FOLDER)), []);
    const waiting = q.take();
    await q.offer('y', 1);
    assert.equal((await waiting)?.item, 'y');
    const names = await readdir(join(dir, QUEUE_FOLDER));
    assert.equal(names.length, 1);
    assert.ok((names[0] ?? '') > (await readdir(join(dir, DEAD_LETTER_FOLDER)))[0]!, 'sequence continues past the dead letters');
  });

  test('moves a file that cannot be decoded to the dead letters and goes on', async () => {
    const dir = await folder();
    const q = await openFileQueue(options(dir, { decode: (b) => { if (Buffer.from(b).toString() === 'bad') throw new Error('undecodable'); return Buffer.from(b).toString(); } }));
    await q.offer('bad', 1);
    await q.offer('good', 1);
    const unreadable: string[] = [];
    const reopened = await openFileQueue(options(dir, { onUnreadable: (f) => unreadable.push(f), decode: (b) => { if (Buffer.from(b).toString() === 'bad') throw new Error('undecodable'); return Buffer.from(b).toString(); } }));
    assert.equal((await reopened.take())?.item, 'good');
    assert.equal(unreadable.length, 1);
    assert.equal((await readdir(join(dir, DEAD_LETTER_FOLDER))).length, 1);
  });
});
