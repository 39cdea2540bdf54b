import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryError } from '../http/queryError.js';
import { parseAnnotationQuery } from './parseAnnotationQuery.js';

void test('splits on " and " into tag and word terms', () => {
  assert.deepEqual(parseAnnotationQuery('error and http.method=GET'), [{ kind: 'word', word: 'error' }, { kind: 'tag', key: 'http.method', value: 'GET' }]);
  assert.deepEqual(parseAnnotationQuery('http.uri=/foo=bar and retried and x='), [
    { kind: 'tag', key: 'http.uri', value: '/foo=bar' }, { kind: 'word', word: 'retried' }, { kind: 'word', word: 'x' },
  ]);
  assert.deepEqual(parseAnnotationQuery('  '), []);
});

void test('a term without a key is a 400 naming annotationQuery', () => {
  assert.throws(() => parseAnnotationQuery('=GET'), (e: unknown) => e instanceof QueryError && e.status === 400 && /annotationQuery/.test(e.message));
});
