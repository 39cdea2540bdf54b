import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRetryAfter } from './retryAfter.js';

void describe('parseRetryAfter', () => {
  void test('delay-seconds', () => {
    assert.equal(parseRetryAfter('0'), 0);
    assert.equal(parseRetryAfter(' 120 '), 120_000);
  });

  void test('HTTP-date, relative to now, never negative', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
  });

  void test('absent or unreadable: undefined (the caller backs off by itself)', () => {
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter(''), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter('-5'), undefined);
  });
});
