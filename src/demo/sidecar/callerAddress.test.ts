import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bookinfoWorkloads } from '../bookinfo/workloads.js';
import { callerAddress } from './callerAddress.js';

describe('callerAddress', () => {
  const workloads = bookinfoWorkloads();
  const reviews = workloads.find((w) => w.name === 'reviews-v2');

  test('Istio callers by their node id, FSM callers by their pod, others by socket', () => {
    assert.equal(callerAddress({ 'x-envoy-peer-metadata-id': 'sidecar~10.244.0.14~reviews-v2-x-y.default~default.svc.cluster.local' }, '127.0.0.1', workloads), '10.244.0.14');
    assert.equal(callerAddress({ 'fsm-stats-pod': reviews?.podName }, '127.0.0.1', workloads), reviews?.podIp);
    assert.equal(callerAddress({}, '::ffff:127.0.0.1', workloads), '127.0.0.1');
  });
});
