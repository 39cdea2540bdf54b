import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planWindow } from './pollLoop.js';
import { XRAY_RETENTION_MILLIS } from './pollerSettings.js';

const s = { windowMillis: 300_000, settleDelayMillis: 60_000, overlapMillis: 30_000 };

describe('planWindow', () => {
  test('a lagging poller gets full consecutive windows, the query reaching back by the overlap', () => {
    const now = 10_000_000;
    const w1 = planWindow(now - 1_000_000, now, s);
    assert.deepEqual(w1, { start: 9_000_000, end: 9_300_000, queryStart: 8_970_000 });
    assert.ok(w1);
    const w2 = planWindow(w1.end, now, s);
    assert.equal(w2?.start, w1.end);
    assert.equal(w2?.end, 9_600_000);
  });

  test('the last window ends at now minus the settle delay; then the poller is current', () => {
    const now = 10_000_000;
    assert.deepEqual(planWindow(9_900_000, now, s), { start: 9_900_000, end: 9_940_000, queryStart: 9_870_000 });
    assert.equal(planWindow(9_940_000, now, s), undefined);
    assert.equal(planWindow(9_999_000, now, s), undefined);
  });

  test('a checkpoint older than X-Ray retention continues at the retention limit', () => {
    const now = 100 * 24 * 3600 * 1000;
    assert.equal(planWindow(0, now, s)?.start, now - XRAY_RETENTION_MILLIS);
  });
});
