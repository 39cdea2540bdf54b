// The attribute value catalogue takes values either as strings or still in their bytes (the writer's ASCII fast path);
// both lists must agree, survive a reload from the table, and stay within their bounds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_VALUES_PER_KEY, createCatalogues } from './catalogues.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';

function setup() {
  const db = openDatabase(MEMORY_PATH);
  return { db, catalogues: createCatalogues(db) };
}

/** `text` as the writer sees it: somewhere inside a larger buffer. */
function inBuffer(text: string): { bytes: Buffer; start: number; end: number } {
  const bytes = Buffer.from(`xx${text}yy`, 'latin1');
  return { bytes, start: 2, end: 2 + text.length };
}

describe('attribute value catalogue', () => {
  test('a value noted from its bytes is listed once, whichever way it comes again', () => {
    const { db, catalogues } = setup();
    const key = catalogues.keyId('http.request.method') as number;
    for (const v of ['GET', 'POST', 'GET']) {
      const { bytes, start, end } = inBuffer(v);
      catalogues.noteAsciiValue(key, bytes, start, end);
    }
    catalogues.noteValue(key, 'POST');
    catalogues.noteValue(key, 'PUT');
    const { bytes, start, end } = inBuffer('PUT');
    catalogues.noteAsciiValue(key, bytes, start, end);
    assert.deepEqual(catalogues.values(key, 10).sort(), ['GET', 'POST', 'PUT']);
    db.close();
  });

  test('values read back after a reload are not noted again', () => {
    const { db, catalogues } = setup();
    const key = catalogues.keyId('k8s.pod.name') as number;
    const { bytes, start, end } = inBuffer('cart-7d4b9');
    catalogues.noteAsciiValue(key, bytes, start, end);
    catalogues.reload();
    catalogues.noteAsciiValue(key, bytes, start, end);
    assert.deepEqual(catalogues.values(key, 10), ['cart-7d4b9']);
    db.close();
  });

  test('a key keeps at most MAX_VALUES_PER_KEY values, however many distinct ones arrive', () => {
    const { db, catalogues } = setup();
    const key = catalogues.keyId('http.request.header.x_request_id') as number;
    for (let i = 0; i < MAX_VALUES_PER_KEY + 50; i++) {
      const { bytes, start, end } = inBuffer(`request-${i}`);
      catalogues.noteAsciiValue(key, bytes, start, end);
    }
    assert.equal(catalogues.values(key, MAX_VALUES_PER_KEY * 2).length, MAX_VALUES_PER_KEY);
    db.close();
  });
});
