import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRetryAfter, retryAfterSeconds } from './retryAfter.js';

void describe('parseRetryAfter', () => {
  void test('delay-seconds', () => {
    assert.equal(parseRetryAfter('0'), 0);
    assert.equal(parseRetryAfter(' 120 '), 120_000);
    assert.equal(parseRetryAfter('120', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 120_000);
  });

  void test('HTTP-date, relative to now, never negative', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
  });

  void test('absent or unreadable: undefined (the caller backs off by itself)', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter(''), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5'), undefined);
    assert.equal(parseRetryAfter('1.5'), undefined);
  });
});

void describe('retryAfterSeconds', () => {
  void test('whole seconds, rounded up, at least 1, 1 when no delay is known', () => {
    assert.equal(retryAfterSeconds(1), 1);
    assert.equal(retryAfterSeconds(0), 1);
    assert.equal(retryAfterSeconds(2001), 3);
    assert.equal(retryAfterSeconds(2000), 2);
    assert.equal(retryAfterSeconds(undefined), 1);
  });
});
