// The conformance suite every PollerStateStore backend runs, so all backends behave alike. Test support only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LeaseLostError, type PollerStateStore } from '../../../src/xray/poller/pollerStateStore.js';

export interface StateStoreHarness {
  /** A store on the shared backing (a new connection each call, as another process would have). */
  open(key: string): PollerStateStore;
  /** Lets at least `millis` pass on the lease clock. */
  pass(millis: number): Promise<void>;
}

const TTL = 200;

export function pollerStateStoreConformance(name: string, harness: () => StateStoreHarness): void {
  const withStores = async (key: string, n: number, fn: (stores: PollerStateStore[], h: StateStoreHarness) => Promise<void>) => {
    const h = harness();
    const stores = Array.from({ length: n }, () => h.open(key));
    try {
      await fn(stores, h);
    } finally {
      for (const s of stores) await s.close();
    }
  };
  const unique = (label: string) => `${label}-${process.pid}-${Math.random().toString(36).slice(2)}`;

  void test(`${name}: one holder at a time; re-acquiring by the holder keeps its token`, () =>
    withStores(unique('excl'), 2, async ([a, b]) => {
      assert.equal(await a!.leaseInfo(), undefined);
      const la = await a!.acquireLease('A', 60_000);
      assert.ok(la);
      assert.equal(la.holder, 'A');
      assert.equal(await b!.acquireLease('B', 60_000), undefined);
      const again = await a!.acquireLease('A', 60_000);
      assert.deepEqual(again, la);
      const info = await b!.leaseInfo();
      assert.equal(info?.holder, 'A');
      assert.equal(info?.token, la.token);
      assert.equal(await a!.renewLease(la, 60_000), true);
    }));

  void test(`${name}: a released lease goes to the next holder with a higher token, and fences the old one out`, () =>
    withStores(unique('release'), 2, async ([a, b]) => {
      const la = await a!.acquireLease('A', 60_000);
      assert.ok(la);
      await a!.advance(la, { doneUntilMillis: 1000, pruneBeforeMillis: 0, maxSeen: 10 });
      await a!.releaseLease(la);
      assert.equal(await a!.leaseInfo(), undefined);
      const lb = await b!.acquireLease('B', 60_000);
      assert.ok(lb);
      assert.ok(lb.token > la.token, `token ${lb.token} must exceed ${la.token}`);
      assert.equal(await a!.renewLease(la, 60_000), false);
      await assert.rejects(a!.recordDelivered(la, ['1-00000001-000000000000000000000001'], 2000), LeaseLostError);
      await assert.rejects(a!.advance(la, { doneUntilMillis: 5000, pruneBeforeMillis: 0, maxSeen: 10 }), LeaseLostError);
      const cp = await b!.loadCheckpoint();
      assert.equal(cp?.doneUntilMillis, 1000);
      assert.equal(cp?.seen.size, 0);
      await a!.releaseLease(la);
      assert.equal((await b!.leaseInfo())?.holder, 'B');
    }));

  void test(`${name}: an expired lease can be taken over; the old holder's writes are refused`, () =>
    withStores(unique('expiry'), 2, async ([a, b], h) => {
      const la = await a!.acquireLease('A', TTL);
      assert.ok(la);
      assert.equal(await b!.acquireLease('B', TTL), undefined);
      await h.pass(TTL * 2);
      const lb = await b!.acquireLease('B', 60_000);
      assert.ok(lb, 'the expired lease was not taken over');
      assert.ok(lb.token > la.token);
      await assert.rejects(a!.advance(la, { doneUntilMillis: 9, pruneBeforeMillis: 0, maxSeen: 10 }), LeaseLostError);
      assert.equal(await a!.loadCheckpoint(), undefined);
    }));

  void test(`${name}: the checkpoint survives reopening; seen ids are pruned by window end and capped newest-first`, async () => {
    const key = unique('checkpoint');
    await withStores(key, 1, async ([a]) => {
      const lease = await a!.acquireLease('A', 60_000);
      assert.ok(lease);
      await a!.advance(lease, { doneUntilMillis: 100, pruneBeforeMillis: 0, maxSeen: 10 });
      await a!.recordDelivered(lease, ['t1', 't2'], 200);
      await a!.recordDelivered(lease, ['t3'], 300);
      await a!.recordDelivered(lease, [], 300);
    });
    await withStores(key, 1, async ([a]) => {
      const reopened = await a!.loadCheckpoint();
      assert.equal(reopened?.doneUntilMillis, 100);
      assert.deepEqual([...(reopened?.seen ?? [])].sort(), [['t1', 200], ['t2', 200], ['t3', 300]]);
      const lease = await a!.acquireLease('A', 60_000);
      assert.ok(lease);
      await a!.advance(lease, { doneUntilMillis: 300, pruneBeforeMillis: 200, maxSeen: 10 });
      assert.deepEqual([...((await a!.loadCheckpoint())?.seen ?? [])].sort(), [['t1', 200], ['t2', 200], ['t3', 300]]);
      await a!.advance(lease, { doneUntilMillis: 400, pruneBeforeMillis: 201, maxSeen: 10 });
      assert.deepEqual([...((await a!.loadCheckpoint())?.seen ?? [])], [['t3', 300]]);
      await a!.recordDelivered(lease, ['t4', 't5'], 500);
      await a!.advance(lease, { doneUntilMillis: 500, pruneBeforeMillis: 0, maxSeen: 2 });
      const cp = await a!.loadCheckpoint();
      assert.equal(cp?.doneUntilMillis, 500);
      assert.deepEqual([...(cp?.seen.keys() ?? [])].sort(), ['t4', 't5']);
    });
  });

  void test(`${name}: keys are independent poller groups`, async () => {
    const h = harness();
    const a = h.open(unique('k1'));
    const b = h.open(unique('k2'));
    try {
      const la = await a.acquireLease('A', 60_000);
      const lb = await b.acquireLease('B', 60_000);
      assert.ok(la && lb);
      await a.advance(la, { doneUntilMillis: 7, pruneBeforeMillis: 0, maxSeen: 1 });
      assert.equal(await b.loadCheckpoint(), undefined);
    } finally {
      await a.close();
      await b.close();
    }
  });
}
