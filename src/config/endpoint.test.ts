import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENDPOINT_PATTERN } from './endpoint.js';

test('endpoints must have a port in range', () => {
  const re = new RegExp(ENDPOINT_PATTERN);
  for (const ok of ['localhost:9411', '0.0.0.0:65535', ':4317', '[::1]:0', '127.0.0.1:0']) assert.ok(re.test(ok), ok);
  for (const bad of ['localhost', '0.0.0.0:94111', '0.0.0.0:65536', 'host:port', 'a b:1']) assert.ok(!re.test(bad), bad);
});
