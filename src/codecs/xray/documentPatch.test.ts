import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyDocumentPatch, diffDocumentFields, jsonEqual } from './documentPatch.js';

describe('diffDocumentFields', () => {
  test('equal documents give nothing, whatever the key order', () => {
    const original = { name: 'a', http: { request: { method: 'GET', url: 'http://x/' }, response: { status: 200 } }, metadata: { default: { k: [1, { a: true }] } } };
    const encoded = { metadata: { default: { k: [1, { a: true }] } }, http: { response: { status: 200 }, request: { url: 'http://x/', method: 'GET' } }, name: 'a' };
    assert.deepEqual(diffDocumentFields(original, encoded, new Set()), { extra: undefined, omitted: [] });
  });

  test('what is missing or different is extra, nested like the document; what is added is omitted, as escaped JSON pointers', () => {
    const original: Record<string, unknown> = { name: 'a', id: 'x', http: { 'a/b': { 'c~d': 1, keep: 2 }, same: true }, list: [1, 2], gone: null };
    const encoded: Record<string, unknown> = { name: 'a', id: 'y', http: { 'a/b': { keep: 2, added: 3 }, same: true, 'new~': 1 }, list: [1, 3], extra: 'e' };
    const { extra, omitted } = diffDocumentFields(original, encoded, new Set(['id']));
    assert.deepEqual(extra, new Map<string, unknown>([['http', new Map([['a/b', new Map([['c~d', 1n]])]])], ['list', [1n, 2n]], ['gone', null]]));
    assert.deepEqual(omitted, ['/http/a~1b/added', '/http/new~0', '/extra']);
    applyDocumentPatch(encoded, extra, omitted);
    const { id: _o, ...restOriginal } = original;
    const { id: _e, ...restEncoded } = encoded;
    assert.ok(jsonEqual(restEncoded, restOriginal));
  });

  test('a key that an object inherits (constructor) is not mistaken for a field of the encoded document', () => {
    const { extra } = diffDocumentFields({ constructor: 'c' }, {}, new Set());
    assert.deepEqual(extra, new Map([['constructor', 'c']]));
  });
});
