// Resources are stored once and found again by their body; their `last_seen_ns` is written when it moves on by a
// minute or more, and retention keeps a minute more than its cutoff, so no kept span loses its resource.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Resource } from '../../model/span.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';
import { createOrigins } from './origins.js';

const SECOND = 1_000_000_000n;
const T0 = 1_700_000_000n * SECOND;

function resource(pod: string): Resource {
  return { attributes: new Map([['service.name', 'cart'], ['k8s.pod.name', pod]]), droppedAttributesCount: 0 };
}

function setup() {
  const db = openDatabase(MEMORY_PATH);
  const origins = createOrigins(db);
  const lastSeen = (id: number): bigint | undefined => db.prepare('SELECT last_seen_ns FROM resources WHERE id = ?').pluck().get(id) as bigint | undefined;
  return { db, origins, lastSeen };
}

describe('resource and scope origins', () => {
  test('an equal resource gets the same id, another one a new id', () => {
    const { db, origins } = setup();
    const a = origins.resourceId(resource('cart-1'), '', 1, () => '');
    assert.equal(origins.resourceId(resource('cart-1'), '', 1, () => ''), a);
    assert.notEqual(origins.resourceId(resource('cart-2'), '', 1, () => ''), a);
    origins.forget();
    assert.equal(origins.resourceId(resource('cart-1'), '', 1, () => ''), a, 'found again in the table once the cache is forgotten');
    db.close();
  });

  test('last_seen_ns is written when it moves on by a minute or more', () => {
    const { db, origins, lastSeen } = setup();
    const id = origins.resourceId(resource('cart-1'), '', 1, () => '');
    const scope = origins.scopeId({ name: 'envoy', version: '', attributes: new Map(), droppedAttributesCount: 0 }, '');
    for (const t of [T0, T0 + 10n * SECOND, T0 + 50n * SECOND]) {
      origins.seen(id, scope, t);
      origins.flushSeen();
    }
    assert.equal(lastSeen(id), T0, 'less than a minute later: not written');
    origins.seen(id, scope, T0 + 61n * SECOND);
    origins.flushSeen();
    assert.equal(lastSeen(id), T0 + 61n * SECOND);
    db.close();
  });

  test('retention keeps a resource last seen less than a minute before its cutoff, and deletes older ones', () => {
    const { db, origins, lastSeen } = setup();
    const id = origins.resourceId(resource('cart-1'), '', 1, () => '');
    const scope = origins.scopeId({ name: 'envoy', version: '', attributes: new Map(), droppedAttributesCount: 0 }, '');
    origins.seen(id, scope, T0);
    origins.flushSeen();
    // A span started 30 s after T0 may use it without its time having been written.
    origins.deleteUnusedBefore(T0 + 30n * SECOND);
    assert.equal(lastSeen(id), T0);
    origins.deleteUnusedBefore(T0 + 61n * SECOND);
    assert.equal(lastSeen(id), undefined);
    db.close();
  });
});
