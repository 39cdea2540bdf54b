import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRfc3339Nanos } from './parseRfc3339Nanos.js';

void test('keeps every fraction digit and applies the offset', () => {
  assert.equal(parseRfc3339Nanos('2024-05-01T10:00:00Z'), 1714557600_000000000n);
  assert.equal(parseRfc3339Nanos('2024-05-01T10:00:00.123456789Z'), 1714557600_123456789n);
  assert.equal(parseRfc3339Nanos('2024-05-01T12:00:00.5+02:00'), 1714557600_500000000n);
  assert.equal(parseRfc3339Nanos('2024-05-01T09:30:00-00:30'), 1714557600_000000000n);
});

void test('refuses what is not RFC 3339', () => {
  for (const bad of ['2024-05-01', '2024-05-01T10:00:00', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '1714557600000', 'now']) {
    assert.equal(parseRfc3339Nanos(bad), undefined, bad);
  }
});
