import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelayMillis, retryWithBackoff, type FailureClass } from './retryWithBackoff.js';

const policy = { initialMillis: 1, maxMillis: 8 };

describe('backoffDelayMillis', () => {
  test('doubles per attempt up to the maximum, jittered within the upper half', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffDelayMillis(a, { initialMillis: 100, maxMillis: 1000 }, () => 1)), [100, 200, 400, 800, 1000, 1000]);
    assert.equal(backoffDelayMillis(3, { initialMillis: 100, maxMillis: 1000 }, () => 0), 400);
  });
});

describe('retryWithBackoff', () => {
  const failing = (failures: FailureClass[]) => {
    let calls = 0;
    return {
      get calls() {
        return calls;
      },
      fn: async () => {
        const f = failures[calls++];
        if (f !== undefined) throw Object.assign(new Error(f), { failure: f });
        return 'ok';
      },
    };
  };
  const classify = (e: unknown) => (e as { failure: FailureClass }).failure;

  test('retries throttled and retryable failures until success, reporting each wait', async () => {
    const f = failing(['throttled', 'retryable', 'throttled']);
    const seen: FailureClass[] = [];
    const r = await retryWithBackoff(f.fn, { signal: new AbortController().signal, policy, classify, onRetry: (c) => seen.push(c) });
    assert.equal(r, 'ok');
    assert.equal(f.calls, 4);
    assert.deepEqual(seen, ['throttled', 'retryable', 'throttled']);
  });

  test('a permanent failure is thrown at once', async () => {
    const f = failing(['permanent']);
    await assert.rejects(retryWithBackoff(f.fn, { signal: new AbortController().signal, policy, classify }), /permanent/);
    assert.equal(f.calls, 1);
  });

  test('maxAttempts bounds the tries', async () => {
    const f = failing(['retryable', 'retryable', 'retryable']);
    await assert.rejects(retryWithBackoff(f.fn, { signal: new AbortController().signal, policy, classify, maxAttempts: 2 }), /retryable/);
    assert.equal(f.calls, 2);
  });

  test('an abort during the wait ends the retries with the abort reason', async () => {
    const ac = new AbortController();
    const f = failing(Array(100).fill('throttled'));
    const p = retryWithBackoff(f.fn, { signal: ac.signal, policy: { initialMillis: 60_000, maxMillis: 60_000 }, classify, onRetry: () => ac.abort(new Error('stopped')) });
    await assert.rejects(p, /stopped/);
    assert.equal(f.calls, 1);
  });
});
