import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDurationMillis } from './duration.js';

test('parses Go-style durations', () => {
  assert.equal(parseDurationMillis('200ms'), 200);
  assert.equal(parseDurationMillis('5s'), 5000);
  assert.equal(parseDurationMillis('1m30s'), 90_000);
  assert.equal(parseDurationMillis('1.5h'), 5_400_000);
  assert.equal(parseDurationMillis('0'), 0);
  assert.equal(parseDurationMillis('250us'), 0.25);
  for (const bad of ['', '5', 's', '5 s', '5sec', '-1s']) assert.throws(() => parseDurationMillis(bad), /invalid duration/, bad);
});

test('endpoints must have a port in range', async () => {
  const { ENDPOINT_PATTERN } = await import('./endpoint.js');
  const re = new RegExp(ENDPOINT_PATTERN);
  for (const ok of ['localhost:9411', '0.0.0.0:65535', ':4317', '[::1]:0', '127.0.0.1:0']) assert.ok(re.test(ok), ok);
  for (const bad of ['localhost', '0.0.0.0:94111', '0.0.0.0:65536', 'host:port', 'a b:1']) assert.ok(!re.test(bad), bad);
});
