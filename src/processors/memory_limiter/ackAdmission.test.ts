// Refusal by outstanding acknowledgements: what is admitted, what is refused (SB_OVERLOADED, retryable, Retry-After),
// and that admission resumes once the work in flight is acknowledged. The clock is the test's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { createAckAdmission } from './ackAdmission.js';

/** A send the test acknowledges (or fails) when it likes. */
function held() {
  let settle: (e?: Error) => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => (settle = (e) => (e ? reject(e) : resolve())));
  return { send: () => promise, ack: () => settle(), fail: (e: Error) => settle(e) };
}

const overloaded = (pattern: RegExp) => (e: unknown) => e instanceof PipelineError && e.code === 'SB_OVERLOADED' && e.kind === 'retryable' && e.retryAfterMillis === 1000 && pattern.test(e.message);

describe('ackAdmission', () => {
  test('refuses a batch that would take the unacknowledged spans past max_in_flight_spans, until some are acknowledged', async () => {
    const a = createAckAdmission('memory_limiter', { maxInFlightSpans: 100, maxAckWaitMillis: 0, retryAfterMillis: 1000 }, () => 0);
    const first = held();
    const firstDone = a.admit(60, first.send);
    await a.admit(40, async () => undefined);
    await assert.rejects(a.admit(41, async () => undefined), overloaded(/60 spans are waiting .*max_in_flight_spans 100/));
    first.ack();
    await firstDone;
    const big = held();
    // Alone, a batch over the bound is admitted: nothing waits before it.
    const bigDone = a.admit(500, big.send);
    await assert.rejects(a.admit(1, async () => undefined), overloaded(/500 spans are waiting/));
    big.fail(new Error('store down'));
    await assert.rejects(bigDone, /store down/);
    await a.admit(100, async () => undefined);
  });

  test('refuses new batches once the oldest unacknowledged one has waited longer than max_ack_wait', async () => {
    let now = 0;
    const a = createAckAdmission('memory_limiter', { maxInFlightSpans: 0, maxAckWaitMillis: 2000, retryAfterMillis: 1000 }, () => now);
    const old = held();
    const oldDone = a.admit(1, old.send);
    now = 1500;
    const young = held();
    const youngDone = a.admit(1, young.send);
    now = 2001;
    await assert.rejects(a.admit(1, async () => undefined), overloaded(/waited 2001 ms .*max_ack_wait 2000 ms/));
    old.ack();
    await oldDone;
    // The oldest in flight is now the one from 1500 ms: 501 ms.
    await a.admit(1, async () => undefined);
    now = 3501;
    await assert.rejects(a.admit(1, async () => undefined), overloaded(/waited 2001 ms/));
    young.ack();
    await youngDone;
    await a.admit(1, async () => undefined);
  });

  test('asked before a body is decoded, it counts the requests on their way at the average batch size, and asks room for one more', async () => {
    const a = createAckAdmission('memory_limiter', { maxInFlightSpans: 1000, maxAckWaitMillis: 0, retryAfterMillis: 1000 }, () => 0);
    assert.equal(a.overloaded(50), undefined, 'no batch seen yet: nothing to estimate from');
    const waiting = held();
    const done = a.admit(100, waiting.send);
    // 9 requests of about 100 spans on their way (the one in flight among them), and room for one more of 100.
    assert.equal(a.overloaded(9), undefined);
    assert.ok(overloaded(/about 1000 spans \(10 requests\) are being decoded or waiting/)(a.overloaded(10)));
    // Only the spans in flight when none are on their way: 100 + an average batch fits in 1000.
    assert.equal(a.overloaded(0), undefined);
    waiting.ack();
    await done;
  });
});
