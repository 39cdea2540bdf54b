import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createFaultInjector } from './faultInjector.js';

describe('createFaultInjector', () => {
  test('fails exactly the configured fraction of ratings calls, evenly spaced', () => {
    const faults = createFaultInjector({ errorRate: 0.25, delayMillis: 0 });
    const outcomes = Array.from({ length: 8 }, () => faults.nextRatingsFails());
    assert.deepEqual(outcomes, [false, false, false, true, false, false, false, true]);
    assert.equal(faults.counts().ratingsErrors, 2);
  });

  test('a rate of 0.1 fails every tenth call despite binary rounding', () => {
    const faults = createFaultInjector({ errorRate: 0.1, delayMillis: 0 });
    const failed = Array.from({ length: 100 }, () => faults.nextRatingsFails()).filter(Boolean).length;
    assert.equal(failed, 10);
  });

  test('rate 0 never fails and rate 1 always fails', () => {
    const never = createFaultInjector({ errorRate: 0, delayMillis: 0 });
    const always = createFaultInjector({ errorRate: 1, delayMillis: 0 });
    for (let i = 0; i < 5; i++) {
      assert.equal(never.nextRatingsFails(), false);
      assert.equal(always.nextRatingsFails(), true);
    }
  });

  test('delays every reviews v3 call by the configured time and counts them', () => {
    const faults = createFaultInjector({ errorRate: 0, delayMillis: 200 });
    assert.equal(faults.nextReviewsDelayMillis(), 200);
    assert.equal(faults.nextReviewsDelayMillis(), 200);
    assert.deepEqual(faults.counts(), { ratingsErrors: 0, reviewsDelays: 2 });
    assert.equal(createFaultInjector({ errorRate: 0, delayMillis: 0 }).nextReviewsDelayMillis(), 0);
  });
});
