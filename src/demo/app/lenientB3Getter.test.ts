import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { lenientB3Getter } from './lenientB3Getter.js';

const TRACE_ID = '5f3c8b2a9d1e4f60a7b8c9d0e1f20314';
const propagator = new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });

describe('lenientB3Getter', () => {
  test('a 32-hex FSM span id becomes the parent as its rightmost 16 digits', () => {
    const ctx = propagator.extract(ROOT_CONTEXT, { 'x-b3-traceid': TRACE_ID, 'x-b3-spanid': '0123456789ABCDEFfedcba9876543210', 'x-b3-sampled': '1' }, lenientB3Getter);
    assert.deepEqual(
      { traceId: trace.getSpanContext(ctx)?.traceId, spanId: trace.getSpanContext(ctx)?.spanId, sampled: trace.getSpanContext(ctx)?.traceFlags },
      { traceId: TRACE_ID, spanId: 'fedcba9876543210', sampled: 1 },
    );
  });

  test('16-hex ids and other headers pass through unchanged', () => {
    const ctx = propagator.extract(ROOT_CONTEXT, { 'x-b3-traceid': TRACE_ID, 'x-b3-spanid': 'a2fb4a1d1a96d312', 'x-b3-sampled': '0' }, lenientB3Getter);
    assert.equal(trace.getSpanContext(ctx)?.spanId, 'a2fb4a1d1a96d312');
    assert.equal(trace.getSpanContext(ctx)?.traceFlags, 0);
    assert.equal(lenientB3Getter.get({ 'x-request-id': ['a', 'b'] }, 'x-request-id'), 'a');
  });

  test('a span id that is not hex is left for the propagator to reject', () => {
    const ctx = propagator.extract(ROOT_CONTEXT, { 'x-b3-traceid': TRACE_ID, 'x-b3-spanid': 'zz23456789abcdef0123456789abcdef' }, lenientB3Getter);
    assert.equal(trace.getSpanContext(ctx), undefined);
  });
});
