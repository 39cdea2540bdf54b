import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureLog } from '../../../test/support/captureLog.js';
import { createFailureLog } from './failureLog.js';

test('logs the first failure at once, then at most one per interval, saying how many it held back', () => {
  const log = captureLog();
  const clock = { now: 1000 };
  const failures = createFailureLog(log.logger, 10_000, () => clock.now);
  failures.warn({ error: 'first' }, 'X-Ray call failed; retrying');
  for (let i = 0; i < 5; i++) {
    clock.now += 1000;
    failures.warn({ error: `held ${i}` }, 'X-Ray call failed; retrying');
  }
  clock.now = 11_000;
  failures.warn({ error: 'next' }, 'X-Ray call failed; retrying');
  clock.now = 11_001;
  failures.warn({ error: 'held again' }, 'X-Ray call failed; retrying');
  assert.deepEqual(log.records().map((r) => [r.level, r.error, r.suppressed]), [[40, 'first', undefined], [40, 'next', 5]]);
});
