import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyValue } from '../../model/span.js';
import { classifyCall, httpStatusOf } from './callOutcome.js';

const attrs = (entries: [string, AnyValue][]) => new Map<string, AnyValue>(entries);

test('the HTTP status comes from http.response.status_code, else http.status_code, as int, double or 3-digit text', () => {
  assert.equal(httpStatusOf(attrs([['http.response.status_code', 503n], ['http.status_code', 200n]])), 503);
  assert.equal(httpStatusOf(attrs([['http.status_code', 404]])), 404);
  assert.equal(httpStatusOf(attrs([['http.status_code', '429']])), 429);
  assert.equal(httpStatusOf(attrs([['http.response.status_code', 'oops'], ['http.status_code', 201n]])), 201);
  assert.equal(httpStatusOf(attrs([['http.response.status_code', 1000n]])), undefined);
  assert.equal(httpStatusOf(attrs([])), undefined);
});

test('429 is a throttle, 5xx a fault, other 4xx an error; without a code an ERROR status is an error', () => {
  assert.equal(classifyCall(200, true), 'ok');
  assert.equal(classifyCall(302, false), 'ok');
  assert.equal(classifyCall(404, false), 'error');
  assert.equal(classifyCall(429, false), 'throttle');
  assert.equal(classifyCall(500, false), 'fault');
  assert.equal(classifyCall(undefined, true), 'error');
  assert.equal(classifyCall(undefined, false), 'ok');
});
