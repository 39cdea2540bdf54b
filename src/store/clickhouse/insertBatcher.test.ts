import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createInsertBatcher } from './insertBatcher.js';

/** An insert that records its groups and settles when the test says. */
function gate() {
  const groups: number[][] = [];
  const pending: { resolve(): void; reject(e: Error): void }[] = [];
  const insert = (items: number[]) => {
    groups.push(items);
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { groups, pending, insert };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('insert batcher', () => {
  test('a lone write goes at once; writes during an insert form the next group, each settling with its own group', async () => {
    const g = gate();
    const b = createInsertBatcher({ maxSize: 100, maxDelayMillis: 0, insert: g.insert });
    const settled: string[] = [];
    const first = b.add(1, 1).then(() => settled.push('1'));
    await tick();
    assert.deepEqual(g.groups, [[1]]);
    const later = [2, 3, 4].map((n) => b.add(n, 1).then(() => settled.push(String(n)), () => settled.push(`${n} failed`)));
    await tick();
    assert.deepEqual(g.groups, [[1]], 'waits for the running insert');
    assert.deepEqual(settled, []);
    g.pending[0]?.resolve();
    await first;
    await tick();
    assert.deepEqual(settled, ['1'], 'the first write is acknowledged before the next group is');
    assert.deepEqual(g.groups, [[1], [2, 3, 4]]);
    g.pending[1]?.reject(new Error('server down'));
    await Promise.all(later);
    assert.deepEqual(settled, ['1', '2 failed', '3 failed', '4 failed']);
  });

  test('waits up to the delay for more writes unless the group is full; drain flushes what waits', async () => {
    const g = gate();
    const b = createInsertBatcher({ maxSize: 3, maxDelayMillis: 60_000, insert: g.insert });
    const a = b.add(1, 1);
    await tick();
    assert.deepEqual(g.groups, []);
    const full = b.add(2, 2);
    await tick();
    assert.deepEqual(g.groups, [[1, 2]]);
    g.pending[0]?.resolve();
    await Promise.all([a, full]);
    const c = b.add(3, 1);
    const drained = b.drain();
    await tick();
    assert.deepEqual(g.groups, [[1, 2], [3]]);
    g.pending[1]?.resolve();
    await Promise.all([c, drained]);
  });
});
