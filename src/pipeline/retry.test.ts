import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../errors.js';
import { backoffMillis, pipelineErrorRetries, retryDelayMillis, retryPolicy, retryWithBackoff, type FailureClass, type RetryPolicy } from './retry.js';

const fastRetry = { enabled: true, initial_interval: '1ms', randomization_factor: 0, multiplier: 2, max_interval: '4ms', max_elapsed_time: '2s' };
const policy: RetryPolicy = { initialIntervalMillis: 1, randomizationFactor: 0.5, multiplier: 2, maxIntervalMillis: 8, maxElapsedMillis: 0 };
const neverAborted = () => new AbortController().signal;

describe('backoff', () => {
  test('backoff grows exponentially up to the max, with jitter inside the factor', () => {
    const p = retryPolicy({ ...fastRetry, initial_interval: '100ms', max_interval: '1s', randomization_factor: 0.5 });
    assert.equal(backoffMillis(p, 0, () => 0.5), 100);
    assert.equal(backoffMillis(p, 1, () => 0.5), 200);
    assert.equal(backoffMillis(p, 10, () => 0.5), 1000);
    assert.equal(backoffMillis(p, 0, () => 0), 50);
    assert.equal(backoffMillis(p, 0, () => 1), 150);
  });

  test('doubles per attempt up to the maximum with multiplier 2 (the X-Ray poller), jittered by the factor', () => {
    const p: RetryPolicy = { initialIntervalMillis: 100, randomizationFactor: 0.5, multiplier: 2, maxIntervalMillis: 1000, maxElapsedMillis: 0 };
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffMillis(p, a, () => 0.5)), [100, 200, 400, 800, 1000, 1000]);
    assert.equal(backoffMillis(p, 3, () => 0), 400);
    assert.equal(backoffMillis(p, 3, () => 1), 1200);
  });

  test('the wait is the longer of the backoff and the delay the server asked for', () => {
    assert.equal(retryDelayMillis(100, undefined), 100);
    assert.equal(retryDelayMillis(100, 7), 100);
    assert.equal(retryDelayMillis(100, 3000), 3000);
    assert.equal(retryDelayMillis(100, 0), 100);
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
    const r = await retryWithBackoff(f.fn, { signal: neverAborted(), policy, classify, onRetry: (c) => seen.push(c) });
    assert.equal(r, 'ok');
    assert.equal(f.calls, 4);
    assert.deepEqual(seen, ['throttled', 'retryable', 'throttled']);
  });

  test('a permanent failure is thrown at once', async () => {
    const f = failing(['permanent']);
    await assert.rejects(retryWithBackoff(f.fn, { signal: neverAborted(), policy, classify }), /permanent/);
    assert.equal(f.calls, 1);
  });

  test('maxAttempts bounds the tries', async () => {
    const f = failing(['retryable', 'retryable', 'retryable']);
    await assert.rejects(retryWithBackoff(f.fn, { signal: neverAborted(), policy, classify, maxAttempts: 2 }), /retryable/);
    assert.equal(f.calls, 2);
  });

  test('an abort during the wait ends the retries with the abort reason', async () => {
    const ac = new AbortController();
    const f = failing(Array(100).fill('throttled'));
    const slow = { ...policy, initialIntervalMillis: 60_000, maxIntervalMillis: 60_000 };
    const p = retryWithBackoff(f.fn, { signal: ac.signal, policy: slow, classify, onRetry: () => ac.abort(new Error('stopped')) });
    await assert.rejects(p, /stopped/);
    assert.equal(f.calls, 1);
  });

  test('permanent errors are not retried; retryable ones are, honouring retryAfterMillis', async () => {
    const p = retryPolicy(fastRetry);
    let calls = 0;
    await assert.rejects(retryWithBackoff(async () => {
      calls++;
      throw new PipelineError('SB_EXPORT_REJECTED', 'no');
    }, { signal: neverAborted(), policy: p, ...pipelineErrorRetries }), /no/);
    assert.equal(calls, 1);
    calls = 0;
    const waits: number[] = [];
    const v = await retryWithBackoff(async () => {
      if (++calls < 3) throw new PipelineError('SB_EXPORT_FAILED', 'later', { retryAfterMillis: 7 });
      return 'ok';
    }, { signal: neverAborted(), policy: p, ...pipelineErrorRetries, onRetry: (_f, _e, w) => waits.push(w) });
    assert.equal(v, 'ok');
    assert.deepEqual(waits, [7, 7]);
  });

  test('a requested delay shorter than the backoff does not shorten the wait; a longer one lengthens it', async () => {
    const p: RetryPolicy = { initialIntervalMillis: 20, randomizationFactor: 0, multiplier: 2, maxIntervalMillis: 1000, maxElapsedMillis: 0 };
    const asked = [30, 7, undefined];
    let calls = 0;
    const waits: number[] = [];
    await retryWithBackoff(async () => {
      const retryAfterMillis = asked[calls++];
      if (calls <= asked.length) throw new PipelineError('SB_EXPORT_FAILED', 'later', retryAfterMillis === undefined ? {} : { retryAfterMillis });
    }, { signal: neverAborted(), policy: p, ...pipelineErrorRetries, onRetry: (_f, _e, w) => waits.push(w) });
    assert.deepEqual(waits, [30, 40, 80]);
  });

  test('retries end when the next wait would pass the max elapsed time; the last failure is thrown', async () => {
    const p = retryPolicy({ ...fastRetry, max_elapsed_time: '1s' });
    let calls = 0;
    const waits: number[] = [];
    await assert.rejects(retryWithBackoff(async () => {
      calls++;
      throw new PipelineError('SB_EXPORT_FAILED', 'come back in an hour', { retryAfterMillis: 3_600_000 });
    }, { signal: neverAborted(), policy: p, ...pipelineErrorRetries, onRetry: (_f, _e, w) => waits.push(w) }), /come back in an hour/);
    assert.equal(calls, 1);
    assert.deepEqual(waits, []);
  });

  test('elapsed time is read from the clock given', async () => {
    let t = 0;
    let calls = 0;
    const p: RetryPolicy = { initialIntervalMillis: 1, randomizationFactor: 0, multiplier: 1, maxIntervalMillis: 1, maxElapsedMillis: 100 };
    await assert.rejects(retryWithBackoff(async () => {
      calls++;
      t += 60;
      throw new Error('down');
    }, { signal: neverAborted(), policy: p, classify: () => 'retryable', now: () => t }), /down/);
    assert.equal(calls, 2);
  });
});
