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
