import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captureLog } from '../../test/support/captureLog.js';
import { createRateLimitedLog } from './rateLimitedLog.js';

function recordingLogger() {
  const lines: Array<[string, Record<string, unknown>, string]> = [];
  return {
    lines,
    warn: (fields: Record<string, unknown>, message: string) => void lines.push(['warn', fields, message]),
    error: (fields: Record<string, unknown>, message: string) => void lines.push(['error', fields, message]),
  };
}

describe('createRateLimitedLog', () => {
  test('logs the first call, then at most once per interval with the count suppressed in between', () => {
    const logger = recordingLogger();
    let t = 1_000;
    const log = createRateLimitedLog(logger, { intervalMillis: 10_000, now: () => t });
    log.warn({ n: 1 }, 'first');
    t += 1_000;
    log.warn({ n: 2 }, 'dropped');
    t += 1_000;
    log.error({ n: 3 }, 'dropped too');
    t += 8_000;
    log.warn({ n: 4 }, 'after the interval');
    t += 10_000;
    log.warn({ n: 5 }, 'nothing suppressed');
    assert.deepEqual(logger.lines, [
      ['warn', { n: 1 }, 'first'],
      ['warn', { n: 4, suppressed: 2 }, 'after the interval'],
      ['warn', { n: 5 }, 'nothing suppressed'],
    ]);
  });

  test('the interval defaults to 10 s; without a logger nothing is written', () => {
    const logger = recordingLogger();
    let t = 0;
    const log = createRateLimitedLog(logger, { now: () => t });
    log.error({}, 'a');
    t = 9_999;
    log.error({}, 'b');
    t = 10_000;
    log.error({}, 'c');
    assert.deepEqual(logger.lines.map((l) => l[2]), ['a', 'c']);
    assert.doesNotThrow(() => createRateLimitedLog(undefined).warn({}, 'nowhere'));
  });

  test('logs the first failure at once, then at most one per interval, saying how many it held back', () => {
    const log = captureLog();
    const clock = { now: 1000 };
    const failures = createRateLimitedLog(log.logger, { intervalMillis: 10_000, now: () => clock.now });
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
});
