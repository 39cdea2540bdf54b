import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLruCache } from './lruCache.js';

void test('lru cache forgets the least recently used entry past its bound', () => {
  const c = createLruCache<string, number>(2);
  c.set('a', 1);
  c.set('b', 2);
  assert.equal(c.get('a'), 1);
  c.set('c', 3);
  assert.equal(c.size, 2);
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a'), 1);
  assert.equal(c.get('c'), 3);
  c.set('a', 10);
  assert.equal(c.get('a'), 10);
  c.clear();
  assert.equal(c.size, 0);
});
